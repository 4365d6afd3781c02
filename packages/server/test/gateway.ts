// A gateway for one test, and `call`, which signs a request with @gatekit/signature exactly as a
// merchant would, sends it in-process, and checks the response against the contract.

import { createNonce, formatAuthorization, parseAuthorization, signSync } from "@gatekit/signature/node";
import { createGateway, type Gateway } from "../src/gateway.js";
import type { GatewayOptions } from "../src/options.js";
import { type TestClock, testClock } from "./clock.js";
import { freshDb } from "./database.js";
import { assertContractResponse, assertControlResponse } from "./contract.js";

/** The merchant every test gateway knows. */
export const MERCHANT = { appId: "1111b620f93b48c5904210ff47bb1111", appSecret: "TEST_SECRET_DO_NOT_USE" } as const;

/** The origin test requests are sent to. */
export const ORIGIN = "http://gateway.test";

/** What `call` can change about the request it sends. */
export interface CallOptions {
  readonly appId?: string;
  /** The secret it is signed with (a wrong one makes Sign_Failed). */
  readonly appSecret?: string;
  readonly method?: string;
  /** The URL the request is signed over, when it differs from the one it is sent to. */
  readonly signedUrl?: string;
  /** Epoch ms; default the gateway's clock. */
  readonly timestamp?: number | string;
  readonly nonce?: string;
  /** The exact body bytes, instead of JSON.stringify(body). */
  readonly raw?: string | Uint8Array;
  /** The body the signature is computed over, when it differs from the one sent. */
  readonly signedBody?: string;
  /** The method the signature is computed over, when it differs from the one sent. */
  readonly signedMethod?: string;
  /** The Authorization header as is (null: none), instead of a signed one. */
  readonly authorization?: string | null;
  /** Default "gatekit-tests/1.0"; null sends none. */
  readonly userAgent?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Skip the contract check, for the tests of the check itself. */
  readonly unchecked?: boolean;
}

/** A response with its body read and parsed. */
export interface CallResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly code: string;
  readonly errorMessage: string | null;
  readonly data: T;
}

/** A gateway with its clock and helpers. */
export interface TestGateway {
  readonly gateway: Gateway;
  readonly clock: TestClock;
  /** Signs and sends a request to `<base path><path>` and checks the response against the contract. */
  call<T = Record<string, any>>(path: string, body?: unknown, options?: CallOptions): Promise<CallResult<T>>;
  /** Calls the control API (`/__gateway<path>`). */
  control<T = Record<string, any>>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<CallResult<T> & { ok: boolean }>;
  close(): Promise<void>;
}

/**
 * A gateway on a fresh database (in memory, or a new schema on PostgreSQL; unless `db` is given) with
 * {@link MERCHANT}, a test clock, no timer and no delivery.
 */
export function testGateway(options: GatewayOptions & { clock?: TestClock } = {}): TestGateway {
  const clock = options.clock ?? testClock();
  const gateway = createGateway({
    db: freshDb(),
    merchants: [{ ...MERCHANT }],
    logger: process.env["GATEKIT_TEST_LOG"] ? "debug" : "silent",
    sweepIntervalMs: null,
    deliverNotifications: false,
    docsPath: null,
    now: clock.now,
    ...options,
  });
  const merchants = new Map<string, string>(
    (options.merchants ?? [MERCHANT]).map((merchant) => [merchant.appId, merchant.appSecret]),
  );

  return {
    gateway,
    clock,
    async call(path, body = {}, callOptions = {}) {
      const basePath = gateway.options.basePath;
      const url = `${ORIGIN}${basePath}${path}`;
      const method = callOptions.method ?? "POST";
      const appId = callOptions.appId ?? MERCHANT.appId;
      const appSecret = callOptions.appSecret ?? merchants.get(appId) ?? MERCHANT.appSecret;
      const raw = callOptions.raw ?? JSON.stringify(body);
      const timestamp = String(callOptions.timestamp ?? clock.now());
      const nonce = callOptions.nonce ?? createNonce();
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: "application/json",
        ...callOptions.headers,
      };
      if (callOptions.userAgent !== null) headers["user-agent"] = callOptions.userAgent ?? "gatekit-tests/1.0";
      if (callOptions.authorization !== undefined) {
        if (callOptions.authorization !== null) headers["authorization"] = callOptions.authorization;
      } else {
        const sign = signSync({
          appId,
          appSecret,
          method: callOptions.signedMethod ?? method,
          url: callOptions.signedUrl ?? url,
          timestamp,
          nonce,
          body: callOptions.signedBody ?? raw,
        });
        headers["authorization"] = formatAuthorization({ appId, sign, timestamp, nonce });
      }
      const hasBody = method !== "GET" && method !== "HEAD";
      const response = await gateway.fetch(
        new Request(url, { method, headers, ...(hasBody ? { body: raw as BodyInit } : {}) }),
      );
      const text = await response.text();
      if (!callOptions.unchecked) {
        // The gateway can sign only for a merchant named by a header it can read.
        const named = callOptions.authorization === undefined ? appId : namedAppId(callOptions.authorization);
        const known =
          named !== undefined ? (await gateway.merchants()).find((merchant) => merchant.appId === named) : undefined;
        const publicUrl = gateway.options.publicUrl;
        assertContractResponse(
          {
            path,
            method,
            url: publicUrl === null ? url : `${publicUrl}${basePath}${path}`,
            signer: known && { appId: known.appId, appSecret: known.appSecret },
          },
          response,
          text,
        );
      }
      return result(response, text);
    },
    async control(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { "content-type": "application/json", ...headers } };
      if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
      const response = await gateway.fetch(new Request(`${ORIGIN}/__gateway${path}`, init));
      const text = await response.text();
      assertControlResponse(method, `/__gateway${path.split("?")[0]}`, response, text);
      return { ...result(response, text), ok: response.status === 200 };
    },
    close: () => gateway.close(),
  };
}

function result<T>(response: Response, text: string): CallResult<T> {
  let parsed: { code?: string; errorMessage?: string | null; data?: T } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: the caller looks at `text`.
  }
  return {
    status: response.status,
    headers: response.headers,
    text,
    code: parsed.code ?? "",
    errorMessage: parsed.errorMessage ?? null,
    data: parsed.data as T,
  };
}

function namedAppId(header: string | null): string | undefined {
  try {
    return parseAuthorization(header).appId;
  } catch {
    return undefined;
  }
}
