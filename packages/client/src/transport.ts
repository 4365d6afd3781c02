// The fetch transport. openapi-fetch builds the request (URL, JSON body, headers) and does no
// retries; everything that makes a call safe happens here:
// - the body is serialized once, and every attempt sends those same bytes (a consumed body is
//   never re-used) under a new signature with a fresh timestamp and nonce, over exactly the URL
//   sent;
// - each attempt has a timeout that runs until the last byte of the response is read, combined
//   with the caller's AbortSignal;
// - the response signature is checked over the raw bytes before anything parses them;
// - connection errors, timeouts and 5xx are retried with exponential backoff and jitter, honouring
//   Retry-After. That is safe because the creates are idempotent by merchantTradeNo /
//   merchantRefundNo; anything the gateway answered with 200 is final and never retried.
// Two ways in: `fetch` is openapi-fetch's custom fetch for the raw client (a Request in, a Response
// out); `send` serves the typed methods, which hand over the serialized body directly.

import { type AuthorizationParts, checkClock, parseAuthorization, type SignedRequest, type SignRequestOptions, type VerifyInput } from "@gatekit/signature";
import { ConnectionError, type GatewayError, ResponseSignatureError, TimeoutError } from "./errors.js";
import { callHook, type OnRequest, type OnResponse, type RequestEvent, type SignatureStatus } from "./hooks.js";
import type { CallOptions, FetchLike } from "./options.js";

/** What the transport needs to know; built by the client from its resolved options. */
export interface TransportConfig {
  readonly appId: string;
  readonly appSecret: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryBackoff: { readonly initialMs: number; readonly maxMs: number };
  readonly verifyResponseSignature: boolean;
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

/** The signing functions the transport uses; results may be promises (Web Crypto) or not (node:crypto). */
export interface Signature {
  readonly signRequest: (options: SignRequestOptions) => SignedRequest | Promise<SignedRequest>;
  readonly verify: (input: VerifyInput) => boolean | Promise<boolean>;
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

/** A Retry-After longer than this ends the retries: blocking a merchant's call for minutes is worse than failing it. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** An empty record for one call. */
export function newExchange(): Exchange {
  return {
    url: undefined, nonce: undefined, attempts: 0, status: undefined, statusText: "", headers: undefined,
    body: undefined, retryAfterMs: undefined,
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
      const signing = signature.signRequest({ appId, appSecret, method, url, body: body ?? "" });
      const signed = signing instanceof Promise ? await signing : signing;
      exchange.nonce = signed.nonce;
      exchange.attempts = attempt;
      // Events are only built when someone listens: this path runs for every call.
      const event: RequestEvent | undefined =
        onRequest !== undefined || onResponse !== undefined ? { method, url, attempt, nonce: signed.nonce, timestamp: signed.timestamp } : undefined;
      if (event !== undefined) callHook(onRequest, event);
      const init: RequestInit = { method, headers: { ...outgoing.headers, authorization: signed.authorization }, redirect: "manual" };
      if (body !== undefined) init.body = body;
      const started = performance.now();
      const outcome = await exchangeOnce(fetch, url, init, timeoutMs, signal);
      const latencyMs = performance.now() - started;
      const retriesLeft = attempt <= maxRetries;

      if (outcome.response === undefined) {
        const { error, retryable } = outcome.timedOut
          ? {
              error: new TimeoutError(
                `The gateway did not answer ${method} ${url} within ${timeoutMs} ms${tries(attempt)}. ${UNKNOWN_OUTCOME}`,
                { nonce: signed.nonce, attempts: attempt, url, cause: outcome.error },
              ),
              retryable: true,
            }
          : connectionFailure(outcome.error, method, url, signed.nonce, attempt);
        const retry = retriesLeft && retryable;
        const retryDelayMs = retry ? retryDelay(attempt, config.retryBackoff, random) : undefined;
        tell(onResponse, event, latencyMs, undefined, undefined, error, retry, retryDelayMs);
        if (!retry) throw error;
        await sleep(retryDelayMs!, signal);
        continue;
      }

      const { response, bytes } = outcome;
      const { status } = response;
      let check = verifyResponseSignature ? inspectSignature(response.headers.get("authorization"), appId) : SKIPPED;
      if ("parts" in check) {
        const { timestamp, nonce, sign } = check.parts;
        const verifying = signature.verify({ appId, appSecret, method, url, timestamp, nonce, sign, body: bytes });
        check = (verifying instanceof Promise ? await verifying : verifying) ? VERIFIED : MISMATCH;
      }
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
        tell(onResponse, event, latencyMs, status, check.status, error, false, undefined);
        throw error;
      }

      if (status >= 500) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
        exchange.retryAfterMs = retryAfterMs;
        if (retriesLeft && (retryAfterMs === undefined || retryAfterMs <= MAX_RETRY_AFTER_MS)) {
          const retryDelayMs = Math.max(retryDelay(attempt, config.retryBackoff, random), retryAfterMs ?? 0);
          tell(onResponse, event, latencyMs, status, check.status, undefined, true, retryDelayMs);
          await sleep(retryDelayMs, signal);
          continue;
        }
      }

      tell(onResponse, event, latencyMs, status, check.status, undefined, false, undefined);
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
    return new Response(NULL_BODY.has(status!) ? null : exchange.body!, { status: status!, statusText, headers: exchange.headers! });
  }

  return { fetch: fetchRequest, send, headers };
}

/**
 * The wait before retry number `retry` (1 for the first): `initialMs` doubling up to `maxMs`,
 * scaled by a random factor in [0.5, 1) so that clients failing together do not retry together,
 * and never below `initialMs`.
 */
export function retryDelay(retry: number, backoff: { readonly initialMs: number; readonly maxMs: number }, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (retry - 1));
  return Math.max(backoff.initialMs, Math.round(ceiling * 0.5 * (1 + random())));
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an IMF-fixdate-like value: Date.parse would read plain numbers with signs or decimals too.
  if (!/^[A-Za-z]{3},/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const UNKNOWN_OUTCOME =
  "The request may or may not have been processed: retry a create with the same merchantTradeNo / merchantRefundNo and content, or query it.";

function tries(attempts: number): string {
  return attempts === 1 ? "" : ` (${attempts} attempts)`;
}

/** A raw-client Request's headers (a caller may add some), with the transport's own on top. */
function requestHeaders(request: Request, own: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Only the transport signs; a header set by a caller would be stale on the next attempt anyway.
  delete headers["authorization"];
  return { ...headers, ...own };
}

type Outcome =
  | { readonly response: Response; readonly bytes: Uint8Array<ArrayBuffer>; readonly error?: undefined; readonly timedOut?: undefined }
  | { readonly response?: undefined; readonly bytes?: undefined; readonly error: unknown; readonly timedOut: boolean };

/**
 * One attempt: the response and its whole body, or why there is none. The timer runs until the
 * body is read, so a gateway that sends headers and then stalls still times out; both the timeout
 * and the caller's signal reach fetch through one AbortSignal (a fetch must honour it, as the
 * standard one does). A caller's abort is rethrown as it is: it is the caller's decision, not a
 * failure to report. A plain timer rather than AbortSignal.timeout: it is cleared as soon as the
 * attempt ends, instead of lingering for timeoutMs after every call.
 */
async function exchangeOnce(fetch: FetchLike, url: string, init: RequestInit, timeoutMs: number, signal: AbortSignal | undefined): Promise<Outcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`No complete response within ${timeoutMs} ms.`, "TimeoutError"));
  }, timeoutMs);
  const onAbort = (): void => controller.abort(signal!.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  init.signal = controller.signal;
  try {
    const response = await fetch(url, init);
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return { error, timedOut };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** Reports an attempt's end to `onResponse`, building the event only when there is a listener. */
function tell(
  hook: OnResponse | undefined,
  event: RequestEvent | undefined,
  latencyMs: number,
  httpStatus: number | undefined,
  signature: SignatureStatus | undefined,
  error: GatewayError | undefined,
  willRetry: boolean,
  retryDelayMs: number | undefined,
): void {
  if (hook === undefined || event === undefined) return;
  callHook(hook, { ...event, latencyMs, httpStatus, signature, error, willRetry, retryDelayMs });
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

interface SignatureCheck {
  readonly status: SignatureStatus;
  /** Why the body cannot be trusted; undefined when it can (or when not checked). */
  readonly problem?: string | undefined;
}

const SKIPPED: SignatureCheck = { status: "skipped" };
const VERIFIED: SignatureCheck = { status: "verified" };

const MISMATCH: SignatureCheck = {
  status: "invalid",
  problem: "its signature does not match its body: the body was altered on the way, or appSecret is not the one this gateway environment uses.",
};

/**
 * The checks of the gateway's response signature that need no hash: present, well-formed, for
 * this appId, and within the gateway's clock window (which bounds how long a recorded response
 * could be replayed). Returns the parts to verify, or the verdict. The sign itself covers the
 * same content as a request's, with the request's method and URL, the response's own timestamp
 * and nonce, and the raw response body. Problems are described without repeating any value.
 */
function inspectSignature(header: string | null, appId: string): SignatureCheck | { readonly parts: AuthorizationParts } {
  if (header === null || header === "") {
    return {
      status: "missing",
      problem:
        "it has no signature (Authorization header). If this gateway environment does not sign responses, pass verifyResponseSignature: false; otherwise something between you and the gateway is answering in its place.",
    };
  }
  let parts: AuthorizationParts;
  try {
    parts = parseAuthorization(header);
  } catch (error) {
    return { status: "invalid", problem: `its signature header is malformed (${(error as Error).message})` };
  }
  if (parts.appId !== appId) {
    return { status: "invalid", problem: "it is signed for another appId; check that baseUrl is the gateway environment this appId belongs to." };
  }
  const clock = checkClock(parts.timestamp);
  if (!clock.ok) {
    const skew = "skewMs" in clock ? ` (${Math.round(Math.abs(clock.skewMs) / 1000)} s ${clock.skewMs < 0 ? "old" : "ahead"})` : "";
    return {
      status: "invalid",
      problem: `its signature timestamp is outside the 5-minute window${skew}: a replayed response, or this machine's clock is off (sync it with NTP).`,
    };
  }
  return { parts };
}

/** A ConnectionError for a failed fetch; a certificate failure is not retryable, a retry cannot fix it. */
function connectionFailure(error: unknown, method: string, url: string, nonce: string, attempts: number): { error: ConnectionError; retryable: boolean } {
  const { code, message } = rootCause(error);
  const reason = code !== undefined && !message.includes(code) ? `${code}: ${message}` : message;
  const details = { nonce, attempts, url, cause: error };
  if ((code !== undefined && /CERT|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/.test(code)) || /certificate/i.test(message)) {
    const certificate = new ConnectionError(
      `The gateway's TLS certificate was rejected when calling ${url} (${reason}). Certificate checks are never switched off: for a sandbox with its own certificate authority, pass its certificate as the ca option; otherwise check baseUrl.`,
      details,
    );
    return { error: certificate, retryable: false };
  }
  return { error: new ConnectionError(`Could not complete ${method} ${url}${tries(attempts)}: ${reason}. ${UNKNOWN_OUTCOME}`, details), retryable: true };
}

/** fetch wraps the real failure ("fetch failed" → ECONNREFUSED, a TLS error…) in `cause`. */
function rootCause(error: unknown): { code: string | undefined; message: string } {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { cause?: unknown } | null)?.cause;
    if (next === undefined || next === null) break;
    current = next;
  }
  const { code, message } = (current ?? {}) as { code?: unknown; message?: unknown };
  return {
    code: typeof code === "string" ? code : undefined,
    message: typeof message === "string" && message !== "" ? message : String(current),
  };
}

// Statuses whose Response cannot have a body.
const NULL_BODY: ReadonlySet<number | undefined> = new Set([101, 103, 204, 205, 304]);

const decoder = new TextDecoder();

/** The raw body as text, for errors; invalid UTF-8 shows as U+FFFD. */
export function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
