// What a failed attempt is reported as: the error a caller sees when no response came, saying
// what went wrong and that the request's outcome is unknown.

import { ConnectionError, TimeoutError } from "./errors.js";

const UNKNOWN_OUTCOME =
  "The request may or may not have been processed: retry a create with the same " +
  "merchantTradeNo / merchantRefundNo and content, or query it.";

function tries(attempts: number): string {
  return attempts === 1 ? "" : ` (${attempts} attempts)`;
}

/** A TimeoutError for an attempt that got no complete response within `timeoutMs`. */
export function timeoutFailure(
  cause: unknown,
  method: string,
  url: string,
  timeoutMs: number,
  nonce: string,
  attempts: number,
): TimeoutError {
  return new TimeoutError(
    `The gateway did not answer ${method} ${url} within ${timeoutMs} ms${tries(attempts)}. ${UNKNOWN_OUTCOME}`,
    { nonce, attempts, url, cause },
  );
}

/** A ConnectionError for a failed fetch; a certificate failure is not retryable, a retry cannot fix it. */
export function connectionFailure(
  error: unknown,
  method: string,
  url: string,
  nonce: string,
  attempts: number,
): { error: ConnectionError; retryable: boolean } {
  const { code, message } = rootCause(error);
  const reason = code !== undefined && !message.includes(code) ? `${code}: ${message}` : message;
  const details = { nonce, attempts, url, cause: error };
  if (
    (code !== undefined && /CERT|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS/.test(code)) ||
    /certificate/i.test(message)
  ) {
    const certificate = new ConnectionError(
      `The gateway's TLS certificate was rejected when calling ${url} (${reason}). ` +
        `Certificate checks are never switched off: for a sandbox with its own certificate ` +
        `authority, pass its certificate as the ca option; otherwise check baseUrl.`,
      details,
    );
    return { error: certificate, retryable: false };
  }
  return {
    error: new ConnectionError(
      `Could not complete ${method} ${url}${tries(attempts)}: ${reason}. ${UNKNOWN_OUTCOME}`,
      details,
    ),
    retryable: true,
  };
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
