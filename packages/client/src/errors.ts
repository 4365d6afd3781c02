// The errors the client throws. Each carries a string `type` equal to its class name, because
// `instanceof` fails when two copies of the package are loaded (ESM and CJS, or two versions), and
// none of them ever holds the app secret, a request signature or a header: they get logged.

/** The `type` of every error the client throws. */
export type GatewayErrorType =
  | "GatewayError"
  | "AuthenticationError"
  | "ServerError"
  | "ConnectionError"
  | "TimeoutError"
  | "ResponseSignatureError";

/** What an error knows about the exchange that failed; every field is optional. */
export interface GatewayErrorDetails {
  readonly code?: string | undefined;
  readonly errorMessage?: string | null | undefined;
  readonly httpStatus?: number | undefined;
  readonly nonce?: string | undefined;
  readonly rawBody?: string | undefined;
  readonly attempts?: number | undefined;
  readonly url?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
}

/**
 * The base of every error the client throws, and itself the error for a request the gateway
 * processed and refused: HTTP 200 with a `code` other than `OK` (a business or validation code
 * such as `Payment.Common.Duplicate_Trade_No`), or a status the contract gives no class of its
 * own (404, 405, 413). Subclasses say why else a call failed; `isGatewayError` recognises them all.
 */
export class GatewayError extends Error {
  /** The class name, so the error can be told apart without `instanceof`. */
  readonly type: GatewayErrorType = "GatewayError";
  override readonly name: string = "GatewayError";
  /** The envelope's `code`, when the gateway answered with an envelope. */
  readonly code: string | undefined;
  /** The envelope's `errorMessage`: the gateway's own explanation (for a parameter error, which field). */
  readonly errorMessage: string | null | undefined;
  /** The HTTP status of the last response, when there was one. */
  readonly httpStatus: number | undefined;
  /** The nonce of the last attempt's request: quote it when asking the gateway about this call. */
  readonly nonce: string | undefined;
  /** The last response's body exactly as received (UTF-8 decoded), when there was one. */
  readonly rawBody: string | undefined;
  /** How many requests were sent for this call, retries included. */
  readonly attempts: number;
  /** The full URL that was called. */
  readonly url: string | undefined;

  constructor(message: string, details: GatewayErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.errorMessage = details.errorMessage;
    this.httpStatus = details.httpStatus;
    this.nonce = details.nonce;
    this.rawBody = details.rawBody;
    this.attempts = details.attempts ?? 1;
    this.url = details.url;
  }
}

/**
 * HTTP 401: the gateway did not accept the request's signature (`code` is a `Common.Auth.*` code).
 * Nothing was processed. Never retried: the cause is the credentials, the clock or the URL.
 */
export class AuthenticationError extends GatewayError {
  override readonly type: "AuthenticationError" = "AuthenticationError";
  override readonly name: string = "AuthenticationError";
}

/**
 * HTTP 5xx after the last retry: a gateway fault (or a proxy's) whose outcome is unknown. Retry a
 * create with the same `merchantTradeNo` / `merchantRefundNo` and the same content, or query.
 */
export class ServerError extends GatewayError {
  override readonly type: "ServerError" = "ServerError";
  override readonly name: string = "ServerError";
  /** The wait the gateway asked for with `Retry-After`, when it was too long to retry within the call. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: GatewayErrorDetails = {}) {
    super(message, details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * No response after the last retry: DNS, a refused or reset connection, a TLS or certificate
 * failure. `cause` holds the platform's error. The request may or may not have been processed.
 */
export class ConnectionError extends GatewayError {
  override readonly type: "ConnectionError" = "ConnectionError";
  override readonly name: string = "ConnectionError";
}

/**
 * The exchange (connecting, sending, the headers and the whole body) took longer than `timeoutMs`,
 * on the last attempt. The request may or may not have been processed.
 */
export class TimeoutError extends GatewayError {
  override readonly type: "TimeoutError" = "TimeoutError";
  override readonly name: string = "TimeoutError";
}

/**
 * A successful-looking response whose signature is missing or does not verify, so its body cannot
 * be trusted. `rawBody` holds it for diagnosis only. Never retried.
 */
export class ResponseSignatureError extends GatewayError {
  override readonly type: "ResponseSignatureError" = "ResponseSignatureError";
  override readonly name: string = "ResponseSignatureError";
}

const TYPES: ReadonlySet<unknown> = new Set<GatewayErrorType>([
  "GatewayError",
  "AuthenticationError",
  "ServerError",
  "ConnectionError",
  "TimeoutError",
  "ResponseSignatureError",
]);

/** True for any error this client throws, from any copy of the package. Narrow further by `type`. */
export function isGatewayError(value: unknown): value is GatewayError {
  return typeof value === "object" && value !== null && TYPES.has((value as { type?: unknown }).type);
}
