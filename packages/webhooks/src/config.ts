// The configuration is checked on every call (it is a few typeof tests) and by the adapters once
// at start-up, so a missing secret fails at boot with a TypeError, not as a 401 on every delivery.

import { DEFAULT_TOLERANCE_MS } from "@gatekit/signature";
import type { ReadOptions, WebhookConfig } from "./types.js";

/** The gateway's limit on request bodies, reused as the default cap for notification bodies. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** The secrets to try, in order. Throws a TypeError for a configuration that can never verify. */
export function secretsOf(config: WebhookConfig): readonly string[] {
  const { notifyUrl, appId, appSecret, toleranceMs = DEFAULT_TOLERANCE_MS } = config;
  if (typeof notifyUrl !== "string" || notifyUrl === "") {
    throw new TypeError(
      "notifyUrl must be the notifyUrl sent in payment/create or payout/create, as a non-empty string.",
    );
  }
  if (typeof appId !== "string" || appId === "") throw new TypeError("appId must be a non-empty string.");
  if (!Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new TypeError(`toleranceMs must be a finite number of milliseconds, 0 or more, got ${String(toleranceMs)}.`);
  }
  const secrets = typeof appSecret === "string" ? [appSecret] : appSecret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new TypeError("appSecret must be a string, or a non-empty array of strings during a key rotation.");
  }
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") {
      // Never echo the value: it may be a secret that is merely of the wrong type.
      throw new TypeError(
        `every appSecret must be a non-empty string, got ${secret === "" ? "an empty string" : typeof secret}.`,
      );
    }
  }
  return secrets;
}

/** Checks an adapter's configuration once, and returns the body cap it will use. */
export function checkReadOptions(options: ReadOptions): number {
  secretsOf(options);
  const { maxBodyBytes = DEFAULT_MAX_BODY_BYTES } = options;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) {
    throw new TypeError(`maxBodyBytes must be a whole number of bytes, got ${String(maxBodyBytes)}.`);
  }
  return maxBodyBytes;
}
