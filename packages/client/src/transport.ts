// The fetch transport. openapi-fetch builds the request (URL, JSON body, headers) and does no
// retries; everything that makes a call safe happens in the attempt loop here, from its parts:
// - the body is serialized once, and every attempt sends those same bytes (a consumed body is
//   never re-used) under a new signature with a fresh timestamp and nonce, over exactly the URL
//   sent (signing.ts);
// - each attempt has a timeout that runs until the last byte of the response is read, combined
//   with the caller's AbortSignal (attempt.ts), and a failed one says why (failures.ts);
// - the response signature is checked over the raw bytes before anything parses them
//   (response-signature.ts);
// - connection errors, timeouts and 5xx are retried with exponential backoff and jitter, honouring
//   Retry-After (retry.ts). That is safe because the creates are idempotent by merchantTradeNo /
//   merchantRefundNo; anything the gateway answered with 200 is final and never retried.
// Two ways in: `fetch` is openapi-fetch's custom fetch for the raw client (a Request in, a Response
// out); `send` serves the typed methods, which hand over the serialized body directly.

import { exchangeOnce } from "./attempt.js";
import { ResponseSignatureError } from "./errors.js";
import { connectionFailure, timeoutFailure } from "./failures.js";
import { callHook, type OnRequest, type OnResponse, type RequestEvent, reportResponse } from "./hooks.js";
import type { CallOptions, FetchLike, ResolvedOptions } from "./options.js";
import { checkResponseSignature, SKIPPED } from "./response-signature.js";
import { MAX_RETRY_AFTER_MS, parseRetryAfter, retryDelay, sleep } from "./retry.js";
import { attemptInit, requestHeaders, type Signature, signAttempt } from "./signing.js";

/** What the transport needs to know; built by the client from its resolved options. */
export interface TransportConfig
  extends Pick<
    ResolvedOptions,
    "appId" | "appSecret" | "timeoutMs" | "maxRetries" | "retryBackoff" | "verifyResponseSignature"
  > {
  /** The fetch to send with; may load lazily (the Node CA support imports undici on first use). */
  readonly getFetch: () => FetchLike | Promise<FetchLike>;
  readonly userAgent: string;
  readonly onRequest?: OnRequest | undefined;
  readonly onResponse?: OnResponse | undefined;
  /**
   * `signRequest` and `verify` of @gatekit/signature. The Node entry passes the synchronous
   * node:crypto variants, which spare two awaits per attempt on the hot path.
   */
  readonly signature: Signature;
  /** The jitter's randomness; tests pin it. Defaults to Math.random. */
  readonly random?: (() => number) | undefined;
}

/** What one call left behind: the envelope reads the body from here and errors quote the nonce. */
export interface Exchange {
  url: string | undefined;
  /** The nonce of the last attempt. */
  nonce: string | undefined;
  attempts: number;
  /** The last response, read to its end, once one arrived. */
  status: number | undefined;
  statusText: string;
  headers: Headers | undefined;
  body: Uint8Array<ArrayBuffer> | undefined;
  /** A 5xx's Retry-After, in milliseconds. */
  retryAfterMs: number | undefined;
}

/** A request as the transport sends it: every attempt sends these same bytes. */
export interface Outgoing {
  readonly url: string;
  readonly method: string;
  /** Headers besides Authorization, which the transport adds per attempt. Lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
}

/** The transport. */
export interface Transport {
  /** For openapi-fetch: a Request in, a Response over the verified bytes out. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** For the typed methods: sends `outgoing` with one call's options and records the result in `exchange`. */
  readonly send: (outgoing: Outgoing, call: CallOptions, exchange: Exchange) => Promise<void>;
  /** The headers every request carries: Content-Type, Accept, User-Agent. */
  readonly headers: Readonly<Record<string, string>>;
}

/** An empty record for one call. */
export function newExchange(): Exchange {
  return {
    url: undefined,
    nonce: undefined,
    attempts: 0,
    status: undefined,
    statusText: "",
    headers: undefined,
    body: undefined,
    retryAfterMs: undefined,
  };
}

/** Creates the transport. */
export function createTransport(config: TransportConfig): Transport {
  const { appId, appSecret, verifyResponseSignature, userAgent, onRequest, onResponse, signature } = config;
  const random = config.random ?? Math.random;

  const headers: Readonly<Record<string, string>> = {
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": userAgent,
  };

  async function send(outgoing: Outgoing, call: CallOptions, exchange: Exchange): Promise<void> {
    const { signal } = call;
    signal?.throwIfAborted();
    const timeoutMs = call.timeoutMs ?? config.timeoutMs;
    const maxRetries = call.maxRetries ?? config.maxRetries;
    const loaded = config.getFetch();
    const fetch = typeof loaded === "function" ? loaded : await loaded;
    const { url, method, body } = outgoing;
    exchange.url = url;

    for (let attempt = 1; ; attempt++) {
      const signing = signAttempt(signature, { appId, appSecret, method, url, body });
      const signed = signing instanceof Promise ? await signing : signing;
      exchange.nonce = signed.nonce;
      exchange.attempts = attempt;
      // Events are only built when someone listens: this path runs for every call.
      const event: RequestEvent | undefined =
        onRequest !== undefined || onResponse !== undefined
          ? { method, url, attempt, nonce: signed.nonce, timestamp: signed.timestamp }
          : undefined;
      if (event !== undefined) callHook(onRequest, event);
      const init = attemptInit(method, outgoing.headers, body, signed.authorization);
      const started = performance.now();
      const outcome = await exchangeOnce(fetch, url, init, timeoutMs, signal);
      const latencyMs = performance.now() - started;
      const retriesLeft = attempt <= maxRetries;

      if (outcome.response === undefined) {
        const { error, retryable } = outcome.timedOut
          ? { error: timeoutFailure(outcome.error, method, url, timeoutMs, signed.nonce, attempt), retryable: true }
          : connectionFailure(outcome.error, method, url, signed.nonce, attempt);
        const retry = retriesLeft && retryable;
        const retryDelayMs = retry ? retryDelay(attempt, config.retryBackoff, random) : undefined;
        reportResponse(onResponse, event, latencyMs, undefined, undefined, error, retry, retryDelayMs);
        if (!retry) throw error;
        await sleep(retryDelayMs!, signal);
        continue;
      }

      const { response, bytes } = outcome;
      const { status } = response;
      const checking = verifyResponseSignature
        ? checkResponseSignature(
            signature,
            { appId, appSecret, method, url },
            response.headers.get("authorization"),
            bytes,
          )
        : SKIPPED;
      const check = checking instanceof Promise ? await checking : checking;
      exchange.status = status;
      exchange.statusText = response.statusText;
      exchange.headers = response.headers;
      exchange.body = bytes;
      exchange.retryAfterMs = undefined;

      // A 2xx body becomes data, so it must be the gateway's. Error statuses are reported as
      // errors whatever their signature says: a proxy's 502 has none, and a 401 for a wrong
      // appSecret cannot verify with that secret.
      if (status >= 200 && status < 300 && check.problem !== undefined) {
        const error = new ResponseSignatureError(
          `The gateway's response to ${method} ${url} (HTTP ${status}) cannot be trusted: ${check.problem}`,
          { httpStatus: status, nonce: signed.nonce, attempts: attempt, url, rawBody: decode(bytes) },
        );
        reportResponse(onResponse, event, latencyMs, status, check.status, error, false, undefined);
        throw error;
      }

      if (status >= 500) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        exchange.retryAfterMs = retryAfterMs;
        if (retriesLeft && (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS)) {
          const retryDelayMs = Math.max(retryDelay(attempt, config.retryBackoff, random), retryAfterMs ?? 0);
          reportResponse(onResponse, event, latencyMs, status, check.status, undefined, true, retryDelayMs);
          await sleep(retryDelayMs, signal);
          continue;
        }
      }

      reportResponse(onResponse, event, latencyMs, status, check.status, undefined, false, undefined);
      return;
    }
  }

  // The raw client's path: the body is read from the Request once, and the Response handed back
  // is built over the bytes that were verified (the original's body is consumed).
  async function fetchRequest(request: Request): Promise<Response> {
    const outgoing: Outgoing = {
      url: request.url,
      method: request.method,
      headers: requestHeaders(request, headers),
      body: request.body === null ? undefined : new Uint8Array(await request.arrayBuffer()),
    };
    const exchange = newExchange();
    await send(outgoing, { signal: request.signal }, exchange);
    const { status, statusText } = exchange;
    return new Response(NULL_BODY.has(status!) ? null : exchange.body!, {
      status: status!,
      statusText,
      headers: exchange.headers!,
    });
  }

  return { fetch: fetchRequest, send, headers };
}

// Statuses whose Response cannot have a body.
const NULL_BODY: ReadonlySet<number | undefined> = new Set([101, 103, 204, 205, 304]);

const decoder = new TextDecoder();

/** The raw body as text, for errors; invalid UTF-8 shows as U+FFFD. */
export function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
