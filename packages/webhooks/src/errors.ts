/**
 * Why a notification was refused:
 * - `missing_header`: no `Authorization` header;
 * - `malformed_header`: an `Authorization` header that is not `V2_SHA256 appId=…,sign=…,timestamp=…,nonce=…`;
 * - `app_id_mismatch`: signed for another appId than the one configured;
 * - `bad_signature`: the sign does not match the body, the notifyUrl and any of the secrets;
 * - `stale_timestamp`: the timestamp is outside the clock window (either direction);
 * - `replayed_nonce`: the nonce was already accepted within the clock window;
 * - `invalid_body`: the body is not the raw bytes, not strict UTF-8 JSON, too large, or not a
 *   notification envelope of a known kind.
 */
export type WebhookVerificationReason =
  | "missing_header"
  | "malformed_header"
  | "app_id_mismatch"
  | "bad_signature"
  | "stale_timestamp"
  | "replayed_nonce"
  | "invalid_body";

/**
 * The HTTP status to answer a refused notification with: 401 when the sender is not
 * authenticated, 400 for a body that cannot be a notification, 413 for one over the size limit.
 * The gateway treats anything but 200 as a failed delivery and retries it, freshly signed.
 */
export type WebhookVerificationStatus = 400 | 401 | 413;

/**
 * A notification that must not be trusted. `reason` says which check refused it, `status` which
 * HTTP status to answer with, and the message what to fix. Messages never contain the secret or
 * the expected sign, so they are safe to log and to send back. `type` lets callers recognise the
 * error without `instanceof`, which fails when two copies of the package are loaded.
 */
export class WebhookVerificationError extends Error {
  readonly type: "WebhookVerificationError" = "WebhookVerificationError";
  override readonly name: "WebhookVerificationError" = "WebhookVerificationError";
  readonly reason: WebhookVerificationReason;
  readonly status: WebhookVerificationStatus;

  constructor(reason: WebhookVerificationReason, message: string, status?: WebhookVerificationStatus) {
    super(message);
    this.reason = reason;
    this.status = status ?? (reason === "invalid_body" ? 400 : 401);
  }
}

/** True for a {@link WebhookVerificationError} from any copy of this package. */
export function isWebhookVerificationError(value: unknown): value is WebhookVerificationError {
  return (
    typeof value === "object" && value !== null && (value as { type?: unknown }).type === "WebhookVerificationError"
  );
}

/** Shorthand for the many places that refuse a body. */
export function invalidBody(message: string, status?: WebhookVerificationStatus): WebhookVerificationError {
  return new WebhookVerificationError("invalid_body", message, status);
}
