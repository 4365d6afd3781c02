// The known-answer vectors, and which of them are notifications.

import type { Vector } from "@gatekit/testing";

export { type Vector, vectors } from "@gatekit/testing";

/**
 * A vector that is a notification: POSTed to a merchant's URL (not the gateway's `/v2/…`
 * operations) with a notification envelope as its body.
 */
export function isNotification(v: Vector): boolean {
  if (v.method !== "POST" || /\/v2\/[a-z]+\/[a-z]+$/.test(new URL(v.url).pathname) || typeof v.body !== "string") return false;
  try {
    const body = JSON.parse(v.body) as { code?: unknown; data?: unknown };
    return body.code === "OK" && typeof body.data === "object" && body.data !== null && !("balanceList" in body.data);
  } catch {
    return false;
  }
}
