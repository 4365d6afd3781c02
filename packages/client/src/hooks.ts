// Hooks for logging and metrics, called once per attempt. The events are built field by field
// from values that are safe to log: never the app secret, a signature or a header, and not the
// body either (it holds the payer's name, email and phone).

import type { GatewayError } from "./errors.js";

/** Given to `onRequest` just before an attempt is sent. */
export interface RequestEvent {
  /** Always `"POST"` for the gateway's operations. */
  readonly method: string;
  /** The full URL, exactly as signed and sent. */
  readonly url: string;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
  /** The nonce of this attempt's signature (new on every attempt). */
  readonly nonce: string;
  /** The timestamp of this attempt's signature, epoch milliseconds as a string. */
  readonly timestamp: string;
}

/**
 * How the response signature fared: `verified`; `missing` (no Authorization header);
 * `invalid` (malformed, another appId, outside the clock window, or not matching the body);
 * `skipped` (verification switched off).
 */
export type SignatureStatus = "verified" | "missing" | "invalid" | "skipped";

/** Given to `onResponse` when an attempt ends, with a response or without one. */
export interface ResponseEvent extends RequestEvent {
  /** Milliseconds from sending to the end of the response body (or to the failure). */
  readonly latencyMs: number;
  /** The HTTP status, or undefined when no response arrived. */
  readonly httpStatus: number | undefined;
  /** The response signature's status, or undefined when no response arrived. */
  readonly signature: SignatureStatus | undefined;
  /** Why the attempt failed without a usable response (connection, timeout, bad signature). */
  readonly error: GatewayError | undefined;
  /** Whether the client will try again. */
  readonly willRetry: boolean;
  /** How long the client waits before that retry. */
  readonly retryDelayMs: number | undefined;
}

/** Called before each attempt. Must not throw; a hook that throws is ignored. */
export type OnRequest = (event: RequestEvent) => void | Promise<void>;
/** Called after each attempt. Must not throw; a hook that throws is ignored. */
export type OnResponse = (event: ResponseEvent) => void | Promise<void>;

/**
 * Calls a hook without letting it change the call's outcome: by the time `onResponse` runs the
 * gateway may have created a payment, and a logging bug must not make that look like a failure.
 * A returned promise is not awaited, so a slow log sink never adds latency.
 */
export function callHook<E>(hook: ((event: E) => void | Promise<void>) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    const result = hook(event);
    if (result !== undefined && typeof (result as Promise<void>).catch === "function")
      (result as Promise<void>).catch(ignore);
  } catch {
    // Deliberately ignored, see above.
  }
}

function ignore(): void {}

/** Reports an attempt's end to `onResponse`, building the event only when there is a listener. */
export function reportResponse(
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
