// createGatewayClient: openapi-fetch over the generated `paths`, sending through the transport, and
// one typed method per operation that unwraps the envelope into `data` or a typed error.

import type { ApiPath, DataAt, paths, RequestAt } from "@gatekit/types";
import createOpenApiClient, { type Client } from "openapi-fetch";
import { openEnvelope } from "./envelope.js";
import {
  type CaCertificates,
  type CallOptions,
  checkCallOptions,
  type FetchLike,
  type GatewayClientOptions,
  resolveOptions,
} from "./options.js";
import type { Signature } from "./signing.js";
import { createTransport, newExchange } from "./transport.js";
import { userAgent } from "./user-agent.js";

/**
 * One operation: takes the request body (exactly the contract's request type) and resolves to the
 * response's `data`, or rejects with a typed error (see `isGatewayError`).
 */
export type Operation<Body, Data> = (body: Body, options?: CallOptions) => Promise<Data>;

// Each method's types are looked up by its path, so the path it posts to and the types it is
// declared with cannot come apart.
type OperationAt<Path extends ApiPath> = Operation<RequestAt<Path>, DataAt<Path>>;

/** The typed client. Dates in the results are the gateway's strings; `@gatekit/types` converts them. */
export interface GatewayClient {
  readonly payments: {
    /** payment/create: start a pay-in. Idempotent by `merchantTradeNo`, so retries are safe. */
    readonly create: OperationAt<"/v2/payment/create">;
    /** payment/query: a payment by `merchantTradeNo` or `paymentNo`. */
    readonly query: OperationAt<"/v2/payment/query">;
  };
  readonly refunds: {
    /** refund/create: refund all or part of a paid payment. Idempotent by `merchantRefundNo`. */
    readonly create: OperationAt<"/v2/refund/create">;
  };
  readonly payouts: {
    /** payout/create: pay money out to a payee. Idempotent by `merchantTradeNo`. */
    readonly create: OperationAt<"/v2/payout/create">;
    /** payout/query: a payout by `merchantTradeNo` or `payoutNo`. */
    readonly query: OperationAt<"/v2/payout/query">;
  };
  readonly balance: {
    /** balance/query: available and frozen balance per currency. */
    readonly query: OperationAt<"/v2/balance/query">;
  };
  /**
   * The openapi-fetch client underneath, for `{ data, error, response }` instead of exceptions.
   * It sends through the same transport: signed attempts, retries, timeouts and response
   * signature checks; connection failures, timeouts and bad response signatures still throw.
   */
  readonly raw: Client<paths>;
}

/** What differs between the universal and the Node entry. */
export interface Platform {
  /** A loader for a fetch that trusts `ca` in addition to the system's CAs; throws where there is none. */
  readonly fetchWithCa: (ca: CaCertificates) => () => Promise<FetchLike>;
  /** Web Crypto's async signing, or node:crypto's synchronous one. */
  readonly signature: Signature;
}

type LoosePost = (path: string, init: Record<string, unknown>) => Promise<unknown>;

const NO_CALL_OPTIONS: CallOptions = {};
const encoder = new TextEncoder();

/**
 * The request openapi-fetch builds for a typed call, through its `Request` option. A real Request
 * would wrap the JSON in a body stream that the transport then has to read back; this keeps the
 * string openapi-fetch serialized, which the transport encodes once and sends on every attempt.
 */
class PreparedRequest {
  readonly url: string;
  readonly method: string;
  readonly body: string | undefined;

  constructor(url: string, init: { method?: string; body?: unknown }) {
    this.url = url;
    this.method = init.method ?? "POST";
    this.body = typeof init.body === "string" ? init.body : undefined;
  }
}

const emptyResponses = new Map<number, Response>();

/**
 * What the typed methods hand back to openapi-fetch. The envelope is read from the exact bytes the
 * transport verified (kept in the exchange), so openapi-fetch is asked not to parse anything and
 * gets a bodyless Response; having no body to consume, one per status can be shared.
 */
function emptyResponse(status: number): Response {
  let response = emptyResponses.get(status);
  if (response === undefined) emptyResponses.set(status, (response = new Response(null, { status })));
  return response;
}

/** The client with the platform's CA support; the entries export it as `createGatewayClient`. */
export function createClient(options: GatewayClientOptions, platform: Platform): GatewayClient {
  const resolved = resolveOptions(options);
  const { baseUrl, fetch, ca } = resolved;
  // Looked up per call rather than captured, so a fetch installed after the client (a test
  // double, a polyfill) is the one used.
  const getFetch: () => FetchLike | Promise<FetchLike> =
    fetch !== undefined ? () => fetch : ca !== undefined ? platform.fetchWithCa(ca) : () => globalThis.fetch;
  const transport = createTransport({
    ...resolved,
    getFetch,
    userAgent: userAgent(resolved.appInfo),
    signature: platform.signature,
  });
  // Two openapi-fetch clients over the same transport: `raw` is the caller's (real Requests, their
  // middleware); the typed methods use their own, which no middleware can reach.
  const raw = createOpenApiClient<paths>({ baseUrl, fetch: transport.fetch });
  const typed = createOpenApiClient<paths>({ baseUrl, Request: PreparedRequest as unknown as typeof Request });
  const post = typed.POST as unknown as LoosePost;

  async function send(path: ApiPath, name: string, body: unknown, options: CallOptions | undefined): Promise<unknown> {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      const got = body === null ? "null" : Array.isArray(body) ? "an array" : typeof body;
      throw new TypeError(
        `${name} takes the request as an object (for example { merchantTradeNo: "ORD-1" }), ` +
          `got ${got}; the client serializes and signs it.`,
      );
    }
    const call = checkCallOptions(options) ?? NO_CALL_OPTIONS;
    const exchange = newExchange();
    const fetchOnce = async (request: PreparedRequest): Promise<Response> => {
      const outgoing = {
        url: request.url,
        method: request.method,
        headers: transport.headers,
        body: request.body === undefined ? undefined : encoder.encode(request.body),
      };
      await transport.send(outgoing, call, exchange);
      return emptyResponse(exchange.status!);
    };
    await post(path, { body, parseAs: "stream", fetch: fetchOnce });
    return openEnvelope(exchange);
  }

  // The client checks the envelope, not `data` against its schema: `data` is typed by the contract
  // on trust that the gateway answers by it.
  const operation =
    <Path extends ApiPath>(path: Path, name: string): OperationAt<Path> =>
    (body, callOptions) =>
      send(path, name, body, callOptions) as Promise<DataAt<Path>>;

  return {
    payments: {
      create: operation("/v2/payment/create", "payments.create"),
      query: operation("/v2/payment/query", "payments.query"),
    },
    refunds: { create: operation("/v2/refund/create", "refunds.create") },
    payouts: {
      create: operation("/v2/payout/create", "payouts.create"),
      query: operation("/v2/payout/query", "payouts.query"),
    },
    balance: { query: operation("/v2/balance/query", "balance.query") },
    raw,
  };
}
