// The transport against an in-memory gateway (a stub fetch that checks signatures and signs its
// answers), for what is easiest to see without a network; tests/ covers the real HTTP paths.

import {
  createNonce,
  createTimestamp,
  formatAuthorization,
  parseAuthorization,
  signRequest,
  signRequestSync,
  signSync,
  verify,
  verifySync,
} from "@gatekit/signature/node";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "./options.js";
import { createTransport, type Exchange, newExchange, type Outgoing, type TransportConfig } from "./transport.js";

const appId = "app-1";
const appSecret = "test-secret";
const url = "https://gateway.example.com/pg/v2/payment/query";
const okBody = new TextEncoder().encode('{"code":"OK","errorMessage":null,"data":{"paymentNo":"P1"}}');

interface Seen {
  readonly init: RequestInit;
  readonly body: Uint8Array;
  readonly authorization: ReturnType<typeof parseAuthorization>;
  readonly valid: boolean;
}

/** A fetch that records each request, checks its signature, and answers with `answer(n)`. */
function gateway(answer: (attempt: number) => Response | Error | "hang" = () => signed(200, okBody)): {
  fetch: FetchLike;
  seen: Seen[];
} {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (target, init) => {
    const body = init.body as Uint8Array;
    const authorization = parseAuthorization((init.headers as Record<string, string>)["authorization"]);
    seen.push({ init, body, authorization, valid: verifySync({ ...authorization, appSecret, url: target, body }) });
    const result = answer(seen.length);
    if (result === "hang") {
      return new Promise((_, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)));
    }
    if (result instanceof Error) throw result;
    return result;
  };
  return { fetch, seen };
}

function signed(status: number, body: Uint8Array, headers: Record<string, string> = {}): Response {
  const timestamp = createTimestamp();
  const nonce = createNonce();
  const sign = signSync({ appId, appSecret, url, timestamp, nonce, body });
  return new Response(body as Uint8Array<ArrayBuffer>, {
    status,
    headers: { ...headers, authorization: formatAuthorization({ appId, sign, timestamp, nonce }) },
  });
}

function transport(fetch: FetchLike, extra: Partial<TransportConfig> = {}) {
  return createTransport({
    appId,
    appSecret,
    timeoutMs: 1_000,
    maxRetries: 2,
    retryBackoff: { initialMs: 1, maxMs: 4 },
    verifyResponseSignature: true,
    getFetch: () => fetch,
    userAgent: "gatekit-client/test",
    signature: { signRequest: signRequestSync, verify: verifySync },
    ...extra,
  });
}

const outgoing: Outgoing = {
  url,
  method: "POST",
  headers: { "content-type": "application/json", accept: "application/json", "user-agent": "gatekit-client/test" },
  body: new TextEncoder().encode('{"merchantTradeNo":"ORD-1 ✓"}'),
};

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error("expected a failure");
}

describe("the transport", () => {
  it("signs the exact bytes and URL it sends, and records the verified answer", async () => {
    const { fetch, seen } = gateway();
    const exchange: Exchange = newExchange();
    await transport(fetch).send(outgoing, {}, exchange);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.valid).toBe(true);
    expect(seen[0]!.body).toEqual(outgoing.body);
    expect(seen[0]!.init.redirect).toBe("manual");
    expect(exchange).toMatchObject({ url, status: 200, attempts: 1, nonce: seen[0]!.authorization.nonce });
    expect(new TextDecoder().decode(exchange.body)).toBe(new TextDecoder().decode(okBody));
  });

  it("works with the asynchronous signature functions too (Web Crypto's shape)", async () => {
    const { fetch, seen } = gateway();
    const exchange = newExchange();
    await transport(fetch, { signature: { signRequest, verify } }).send(outgoing, {}, exchange);
    expect(seen[0]!.valid).toBe(true);
    expect(exchange.status).toBe(200);
  });

  it("re-signs every retry with a new nonce over the same bytes", async () => {
    const reset = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
    });
    const { fetch, seen } = gateway((attempt) => (attempt < 3 ? reset : signed(200, okBody)));
    await transport(fetch).send(outgoing, {}, newExchange());
    expect(seen).toHaveLength(3);
    expect(seen.every((request) => request.valid)).toBe(true);
    expect(new Set(seen.map((request) => request.authorization.nonce)).size).toBe(3);
    expect(new Set(seen.map((request) => request.init)).size).toBe(3);
    for (const request of seen) expect(request.body).toEqual(outgoing.body);
  });

  it("gives up with a ConnectionError naming the cause; a certificate failure is not retried", async () => {
    const reset = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
    });
    const first = gateway(() => reset);
    expect(await failure(transport(first.fetch).send(outgoing, {}, newExchange()))).toMatchObject({
      type: "ConnectionError",
      attempts: 3,
    });
    expect(first.seen).toHaveLength(3);

    const certificate = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }),
    });
    const second = gateway(() => certificate);
    const error = await failure(transport(second.fetch).send(outgoing, {}, newExchange()));
    expect(error).toMatchObject({ type: "ConnectionError", attempts: 1 });
    expect(String(error["message"])).toMatch(/certificate was rejected.*ca option/);
  });

  it("times out a fetch that never answers, and retries it", async () => {
    const { fetch, seen } = gateway((attempt) => (attempt === 1 ? "hang" : signed(200, okBody)));
    const exchange = newExchange();
    await transport(fetch).send(outgoing, { timeoutMs: 20 }, exchange);
    expect(seen).toHaveLength(2);
    expect(exchange.attempts).toBe(2);
  });

  it("rejects with the caller's reason when the signal is already aborted, without sending", async () => {
    const { fetch, seen } = gateway();
    const controller = new AbortController();
    const reason = new Error("cancelled");
    controller.abort(reason);
    expect(await failure(transport(fetch).send(outgoing, { signal: controller.signal }, newExchange()))).toBe(reason);
    expect(seen).toHaveLength(0);
  });

  it("retries a 5xx, then leaves the last one in the exchange for the envelope", async () => {
    const failed = new TextEncoder().encode('{"code":"Common.Internal_Error","errorMessage":"down","data":null}');
    const { fetch, seen } = gateway(() => signed(503, failed, { "retry-after": "0" }));
    const exchange = newExchange();
    await transport(fetch).send(outgoing, {}, exchange);
    expect(seen).toHaveLength(3);
    expect(exchange).toMatchObject({ status: 503, attempts: 3, retryAfterMs: 0 });
  });

  it("refuses a 2xx whose signature is missing or wrong, unless verification is off", async () => {
    const { fetch } = gateway(() => new Response(okBody as Uint8Array<ArrayBuffer>, { status: 200 }));
    expect(await failure(transport(fetch).send(outgoing, {}, newExchange()))).toMatchObject({
      type: "ResponseSignatureError",
      attempts: 1,
    });
    const exchange = newExchange();
    await transport(fetch, { verifyResponseSignature: false }).send(outgoing, {}, exchange);
    expect(exchange.status).toBe(200);

    const other = gateway(() => {
      const response = signed(200, okBody);
      return new Response(new TextEncoder().encode('{"code":"OK","errorMessage":null,"data":{"paymentNo":"P2"}}'), {
        status: 200,
        headers: response.headers,
      });
    });
    const error = await failure(transport(other.fetch).send(outgoing, {}, newExchange()));
    expect(error).toMatchObject({ type: "ResponseSignatureError" });
    expect(String(error["message"])).toMatch(/does not match its body/);
  });

  it(
    "serves openapi-fetch: a Request in, the verified bytes as a " +
      "Response out, caller headers kept but never their Authorization",
    async () => {
      const { fetch, seen } = gateway();
      const request = new Request(url, {
        method: "POST",
        body: '{"merchantTradeNo":"ORD-1 ✓"}',
        headers: { "content-type": "application/json", "x-request-id": "r-1", authorization: "Bearer stale" },
      });
      const response = await transport(fetch).fetch(request);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(new TextDecoder().decode(okBody));
      const headers = seen[0]!.init.headers as Record<string, string>;
      expect(headers["x-request-id"]).toBe("r-1");
      expect(headers["authorization"]).toMatch(/^V2_SHA256 /);
      expect(headers["user-agent"]).toBe("gatekit-client/test");
      expect(seen[0]!.valid).toBe(true);
    },
  );
});
