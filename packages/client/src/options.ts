// The client's options: their types, their defaults, and the checks that turn a wrong value into a
// message saying what to pass instead, at construction rather than on the first payment.

import type { OnRequest, OnResponse } from "./hooks.js";
import { type AppInfo, appInfoProblem } from "./user-agent.js";

/** A `fetch` the client can send through: called with the URL and a complete init, body as bytes. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** A PEM certificate (or several) to trust in addition to the system's. */
export type CaCertificates = string | Uint8Array | readonly (string | Uint8Array)[];

/** The exponential backoff between retries: `initialMs`, doubling, at most `maxMs`, with jitter. */
export interface RetryBackoff {
  /** The first wait. Defaults to 500. */
  readonly initialMs?: number | undefined;
  /** The longest wait. Defaults to 5000. */
  readonly maxMs?: number | undefined;
}

/** Options of {@link createGatewayClient}. */
export interface GatewayClientOptions {
  /**
   * The gateway's base URL including its path prefix, such as `https://gateway.example.com/pg`;
   * operation paths (`/v2/payment/create`) are appended to it. HTTPS only (see `allowInsecureLoopback`).
   */
  readonly baseUrl: string;
  /** Your appId, as the gateway issued it. */
  readonly appId: string;
  /** Your appSecret. Never logged, never put in an error or a hook event. */
  readonly appSecret: string;
  /** Time allowed for one attempt, connecting and reading the whole response included. Defaults to 30 000. */
  readonly timeoutMs?: number | undefined;
  /** Retries after a connection error, a timeout or a 5xx. Defaults to 2; 0 disables them. */
  readonly maxRetries?: number | undefined;
  /** The wait between retries. Defaults to `{ initialMs: 500, maxMs: 5000 }`. */
  readonly retryBackoff?: RetryBackoff | undefined;
  /**
   * Verify the signature of every response before reading it. Defaults to true; switch it off
   * only for a gateway environment that does not sign responses.
   */
  readonly verifyResponseSignature?: boolean | undefined;
  /** Allow an `http://` baseUrl whose host is loopback (127.0.0.0/8, ::1, localhost), for a local test gateway. */
  readonly allowInsecureLoopback?: boolean | undefined;
  /**
   * Certificates to trust in addition to the system's, for a sandbox with its own CA. Node only,
   * and needs the `undici` package installed. Certificate checks themselves are never switched off.
   */
  readonly ca?: CaCertificates | undefined;
  /**
   * The `fetch` to send with. Defaults to `globalThis.fetch`. It must honour `init.signal`, as the
   * standard fetch does: timeouts and the caller's aborts reach it through that signal.
   */
  readonly fetch?: FetchLike | undefined;
  /** Your application, added to the User-Agent. */
  readonly appInfo?: AppInfo | undefined;
  /** Called before each attempt, for logging and metrics. */
  readonly onRequest?: OnRequest | undefined;
  /** Called after each attempt, for logging and metrics. */
  readonly onResponse?: OnResponse | undefined;
}

/** Options of one call; they override the client's. */
export interface CallOptions {
  /** Time allowed for one attempt of this call. */
  readonly timeoutMs?: number | undefined;
  /** Retries for this call. */
  readonly maxRetries?: number | undefined;
  /** Aborts the call, a wait between retries included; the call then rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** The options with every default applied. */
export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly retryBackoff: { readonly initialMs: number; readonly maxMs: number };
  readonly verifyResponseSignature: boolean;
  readonly ca: CaCertificates | undefined;
  readonly fetch: FetchLike | undefined;
  readonly appInfo: AppInfo | undefined;
  readonly onRequest: OnRequest | undefined;
  readonly onResponse: OnResponse | undefined;
}

/** The defaults the README documents. */
export const DEFAULTS: {
  readonly timeoutMs: 30_000;
  readonly maxRetries: 2;
  readonly retryBackoff: { readonly initialMs: 500; readonly maxMs: 5_000 };
} = {
  timeoutMs: 30_000,
  maxRetries: 2,
  retryBackoff: { initialMs: 500, maxMs: 5_000 },
};

// setTimeout fires at once for anything above 2^31 - 1 ms.
const MAX_TIMEOUT_MS = 2_147_483_647;
// More retries than this only hammer a gateway that is already failing.
const MAX_RETRIES = 10;

const OPTION_KEYS: ReadonlySet<string> = new Set([
  "baseUrl",
  "appId",
  "appSecret",
  "timeoutMs",
  "maxRetries",
  "retryBackoff",
  "verifyResponseSignature",
  "allowInsecureLoopback",
  "ca",
  "fetch",
  "appInfo",
  "onRequest",
  "onResponse",
]);
const CALL_KEYS: ReadonlySet<string> = new Set(["timeoutMs", "maxRetries", "signal"]);
// An appId goes into the Authorization header: printable ASCII without "," and "=", as the
// signature package's grammar requires.
const APP_ID = /^[\x21-\x2b\x2d-\x3c\x3e-\x7e]{1,128}$/;

/** Checks the options and applies the defaults; throws a TypeError that says what to change. */
export function resolveOptions(options: GatewayClientOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createGatewayClient needs an options object: { baseUrl, appId, appSecret }.");
  }
  rejectUnknownKeys(options, OPTION_KEYS, "createGatewayClient");
  const { appId, appSecret, allowInsecureLoopback = false, verifyResponseSignature = true } = options;
  if (typeof appId !== "string" || !APP_ID.test(appId)) {
    throw new TypeError(
      "appId must be the appId the gateway issued: 1 to 128 printable ASCII " +
        "characters without spaces, commas or equals signs.",
    );
  }
  // The value is never echoed: a secret pasted into the wrong field must not reach a log.
  if (typeof appSecret !== "string" || appSecret.length === 0) {
    throw new TypeError("appSecret must be a non-empty string: the appSecret the gateway issued with your appId.");
  }
  if (/[\r\n]/.test(appSecret) || appSecret.trim() !== appSecret) {
    throw new TypeError(
      "appSecret has leading or trailing whitespace or a line break; " +
        "copy it again without them (it is signed exactly as given).",
    );
  }
  checkBoolean(allowInsecureLoopback, "allowInsecureLoopback");
  checkBoolean(verifyResponseSignature, "verifyResponseSignature");
  const baseUrl = checkBaseUrl(options.baseUrl, allowInsecureLoopback);
  const timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULTS.timeoutMs, "timeoutMs");
  const maxRetries = checkRetries(options.maxRetries ?? DEFAULTS.maxRetries, "maxRetries");
  const retryBackoff = checkBackoff(options.retryBackoff);
  const { ca, fetch, appInfo, onRequest, onResponse } = options;
  if (fetch !== undefined && typeof fetch !== "function")
    throw new TypeError(`fetch must be a function like globalThis.fetch, got ${kind(fetch)}.`);
  if (ca !== undefined) {
    checkCa(ca);
    if (fetch !== undefined) {
      throw new TypeError(
        "Pass either ca or fetch, not both: with your own fetch, trust the CA in that fetch's own TLS settings.",
      );
    }
  }
  if (appInfo !== undefined) {
    const problem = appInfoProblem(appInfo);
    if (problem !== undefined) throw new TypeError(`${problem}.`);
  }
  if (onRequest !== undefined && typeof onRequest !== "function")
    throw new TypeError(`onRequest must be a function, got ${kind(onRequest)}.`);
  if (onResponse !== undefined && typeof onResponse !== "function")
    throw new TypeError(`onResponse must be a function, got ${kind(onResponse)}.`);
  return {
    baseUrl,
    appId,
    appSecret,
    timeoutMs,
    maxRetries,
    retryBackoff,
    verifyResponseSignature,
    ca,
    fetch,
    appInfo,
    onRequest,
    onResponse,
  };
}

/** Checks one call's options. Returns the same object, for use without a copy. */
export function checkCallOptions(options: CallOptions | undefined): CallOptions | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Call options must be an object { timeoutMs?, maxRetries?, signal? }, got ${kind(options)}.`);
  }
  rejectUnknownKeys(options, CALL_KEYS, "A call");
  if (options.timeoutMs !== undefined) checkTimeout(options.timeoutMs, "timeoutMs");
  if (options.maxRetries !== undefined) checkRetries(options.maxRetries, "maxRetries");
  const { signal } = options;
  if (
    signal !== undefined &&
    (typeof signal !== "object" || signal === null || typeof signal.addEventListener !== "function")
  ) {
    throw new TypeError(`signal must be an AbortSignal, got ${kind(signal)}.`);
  }
  return options;
}

/**
 * True for the loopback hosts: 127.0.0.0/8, ::1 and localhost. `hostname` is as the WHATWG URL
 * parser leaves it (IPv4 normalised to dotted decimal, IPv6 in brackets, lowercase).
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function checkBaseUrl(value: unknown, allowInsecureLoopback: boolean): string {
  const example = 'such as "https://gateway.example.com/pg"';
  if (typeof value !== "string" || value === "")
    throw new TypeError(`baseUrl must be the gateway's base URL, ${example}.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(
      `baseUrl is not an absolute URL; pass the gateway's base URL with its path prefix, ${example}.`,
    );
  }
  // Credentials in the URL would be sent to the gateway and land in logs; they are never echoed.
  if (url.username !== "" || url.password !== "")
    throw new TypeError(
      "baseUrl must not contain a user name or password; the gateway authenticates by signature only.",
    );
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  if (url.search !== "" || url.hash !== "") {
    throw new TypeError(
      `baseUrl must not have a query or a fragment (${shown}…): ` +
        `operation paths are appended to it, and the signed URL must be exactly the one sent.`,
    );
  }
  if (url.protocol === "http:") {
    if (!isLoopbackHost(url.hostname)) {
      throw new TypeError(
        `baseUrl must use https: the gateway is HTTPS only, ` +
          `and plain http would expose signed payment data in transit. Got ${shown}.`,
      );
    }
    if (!allowInsecureLoopback) {
      throw new TypeError(
        `baseUrl ${shown} is plain http. For a local test gateway on loopback ` +
          `pass allowInsecureLoopback: true; anywhere else use https.`,
      );
    }
  } else if (url.protocol !== "https:") {
    throw new TypeError(`baseUrl must be an https URL, ${example}; got the scheme ${url.protocol}`);
  }
  // Normalised as fetch will send it (lowercase host, no default port, percent-encoded path):
  // the signed URL must be the one the gateway sees, and openapi-fetch appends paths to this
  // string as it is. The trailing slash goes, so that "/pg/" and "/pg" call the same URLs.
  return url.href.replace(/\/+$/, "");
}

function checkTimeout(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new TypeError(
      `${name} must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}, got ${String(value)}.`,
    );
  }
  return value;
}

function checkRetries(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_RETRIES) {
    throw new TypeError(`${name} must be a whole number from 0 to ${MAX_RETRIES}, got ${String(value)}.`);
  }
  return value;
}

function checkBackoff(value: RetryBackoff | undefined): { initialMs: number; maxMs: number } {
  if (value === undefined) return DEFAULTS.retryBackoff;
  if (typeof value !== "object" || value === null)
    throw new TypeError(`retryBackoff must be an object { initialMs?, maxMs? }, got ${kind(value)}.`);
  rejectUnknownKeys(value, new Set(["initialMs", "maxMs"]), "retryBackoff");
  const { initialMs = DEFAULTS.retryBackoff.initialMs, maxMs = Math.max(DEFAULTS.retryBackoff.maxMs, initialMs) } =
    value;
  for (const [name, ms] of [
    ["initialMs", initialMs],
    ["maxMs", maxMs],
  ] as const) {
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > MAX_TIMEOUT_MS) {
      throw new TypeError(
        `retryBackoff.${name} must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}, got ${String(ms)}.`,
      );
    }
  }
  if (maxMs < initialMs)
    throw new TypeError(`retryBackoff.maxMs (${maxMs}) must not be below retryBackoff.initialMs (${initialMs}).`);
  return { initialMs, maxMs };
}

function checkCa(ca: unknown): void {
  const items = Array.isArray(ca) ? ca : [ca];
  const ok =
    items.length > 0 &&
    items.every(
      (item) => (typeof item === "string" && item.length > 0) || (item instanceof Uint8Array && item.length > 0),
    );
  if (!ok)
    throw new TypeError(
      "ca must be a PEM certificate (a string or bytes) or a non-empty " +
        "array of them, such as the contents of the sandbox's ca.pem.",
    );
}

function checkBoolean(value: unknown, name: string): void {
  if (typeof value !== "boolean") throw new TypeError(`${name} must be true or false, got ${kind(value)}.`);
}

function rejectUnknownKeys(object: object, known: ReadonlySet<string>, where: string): void {
  for (const key in object) {
    // A misspelt option (say verifyResponseSignatures) would otherwise be ignored silently.
    if (!known.has(key))
      throw new TypeError(`${where} has an unknown option "${key}"; the options are ${[...known].join(", ")}.`);
  }
}

function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
