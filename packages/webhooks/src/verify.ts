// The verifier. The order of the checks is part of its safety and of its messages:
//  1. a raw body, or nothing can be verified (a parsed object is the classic mistake);
//  2. the header: present, then well-formed;
//  3. the appId, so a notification for another account says so instead of "bad signature";
//  4. the clock window, before hashing: an old capture is refused cheaply;
//  5. the signature, against each secret; on failure, a diagnosis of the usual mistakes;
//  6. the nonce, only now: a forged request must not be able to burn a nonce or fill the store;
//  7. the body as strict JSON of exactly the signed bytes, and the notification's kind.

import {
  DEFAULT_TOLERANCE_MS,
  checkClock,
  isSignatureError,
  parseAuthorization,
  verify,
  type AuthorizationParts,
} from "@gatekit/signature";
import { bodyText, parseNotification, requireRawBody } from "./body.js";
import { secretsOf } from "./config.js";
import { deliveryOf } from "./delivery.js";
import { explainBadSignature } from "./diagnose.js";
import { WebhookVerificationError } from "./errors.js";
import type { Notification, VerifyNotificationOptions } from "./types.js";

/**
 * Verifies one notification from the gateway and returns it typed. Pass the raw body exactly as
 * received, the `Authorization` header, and the configuration. Throws a
 * {@link WebhookVerificationError} whose `reason` says which check refused it and whose message
 * says what to fix; throws a TypeError for a configuration that can never work (a missing
 * secret, an empty notifyUrl).
 */
export async function verifyNotification(options: VerifyNotificationOptions): Promise<Notification> {
  const { body, authorization, notifyUrl, appId, now, toleranceMs = DEFAULT_TOLERANCE_MS, nonceStore } = options;
  const secrets = secretsOf(options);
  requireRawBody(body);
  const parts = readAuthorization(authorization);
  if (parts.appId !== appId) {
    throw new WebhookVerificationError(
      "app_id_mismatch",
      "The notification was signed for another appId than the one configured. " +
        "Check that appId (and its appSecret) belong to this merchant account and environment: " +
        "sandbox and production have different ones.",
    );
  }

  const clock = checkClock(parts.timestamp, { now, toleranceMs });
  if (!clock.ok) {
    // "malformed" cannot happen after parseAuthorization, which applies the same timestamp rule.
    if (clock.reason === "malformed")
      throw new WebhookVerificationError(
        "malformed_header",
        "The Authorization header's timestamp is not epoch milliseconds.",
      );
    throw staleTimestamp(clock.skewMs, toleranceMs);
  }

  // Object literals with every field spelled out, not spreads of the parsed parts: on a 1 KB
  // notification such a spread costs more than the hash itself (see bench/).
  const { sign, timestamp, nonce } = parts;
  let valid = false;
  for (const appSecret of secrets) {
    if (await verify({ appId, appSecret, method: "POST", url: notifyUrl, timestamp, nonce, body, sign })) {
      valid = true;
      break;
    }
  }
  if (!valid)
    throw new WebhookVerificationError(
      "bad_signature",
      await explainBadSignature({ ...parts, body }, notifyUrl, secrets),
    );

  const signedAt = Number(timestamp);
  if (nonceStore !== undefined) {
    // Remembered until the clock window would refuse the timestamp by itself, and not a moment less.
    const ttlMs = signedAt + toleranceMs - epochMs(now) + 1;
    const claimed = nonceStore.claim(`${appId}:${nonce}`, ttlMs);
    // A synchronous store (the in-memory one) is not awaited: every await costs a microtask.
    if (!(typeof claimed === "boolean" ? claimed : await claimed)) {
      throw new WebhookVerificationError(
        "replayed_nonce",
        "A notification with this nonce was already accepted within the clock window " +
          `(${formatDuration(toleranceMs)} either way): a replay, or one delivery processed twice. ` +
          "The gateway signs every retry with a fresh nonce, so no genuine retry is refused.",
      );
    }
  }

  return parseNotification(bodyText(body), signedAt, nonce, deliveryOf(options.headers));
}

function readAuthorization(header: string | null | undefined): AuthorizationParts {
  if (header === undefined || header === null || header === "") {
    throw new WebhookVerificationError(
      "missing_header",
      "The notification has no Authorization header. " +
        "Pass the request's Authorization header " +
        '(headers.get("authorization") or req.headers.authorization) as it was received; ' +
        "if it is missing there, a proxy in front of this app dropped it.",
    );
  }
  try {
    return parseAuthorization(header);
  } catch (error) {
    // The signature package's messages say what is wrong without repeating the values.
    if (isSignatureError(error)) throw new WebhookVerificationError("malformed_header", error.message);
    throw error;
  }
}

function staleTimestamp(skewMs: number, toleranceMs: number): WebhookVerificationError {
  const window = `the ${formatDuration(toleranceMs)} window`;
  const message =
    skewMs < 0
      ? `The notification's timestamp is ${formatDuration(-skewMs)} older than this server's clock, ` +
        `beyond ${window}: a delayed or replayed delivery, or this server's clock is fast. ` +
        "Keep the clock in sync (NTP); the gateway signs every retry afresh."
      : `The notification's timestamp is ${formatDuration(skewMs)} ahead of this server's clock, ` +
        `beyond ${window}: this server's clock is probably slow. Keep the clock in sync (NTP).`;
  return new WebhookVerificationError("stale_timestamp", message);
}

function epochMs(now: number | Date | undefined): number {
  if (now === undefined) return Date.now();
  return Math.floor(now instanceof Date ? now.getTime() : now);
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${Number(seconds.toFixed(1))} s`;
  return `${Number((seconds / 60).toFixed(1))} min`;
}
