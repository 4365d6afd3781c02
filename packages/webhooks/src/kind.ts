// Which kind a notification is. The gateway sends all three kinds to notifyUrls that may be the
// same, so the kind is told by the id `data` holds, in the contract's order: a refund also carries
// the paymentNo of its payment, so refundNo is looked at first.

import type { NotificationKind } from "@gatekit/types";

/** The id field that marks each kind, in the order they are looked for. */
const IDS: readonly (readonly [field: string, kind: NotificationKind])[] = [
  ["refundNo", "refund"],
  ["payoutNo", "payout"],
  ["paymentNo", "payment"],
];

/**
 * The kind of a notification's `data`, or why it has none: `refundNo` → refund, else `payoutNo`
 * → payout, else `paymentNo` → payment. An id that is present must be a non-empty string.
 */
export function kindOf(data: Readonly<Record<string, unknown>>): { kind: NotificationKind } | { problem: string } {
  for (const [field, kind] of IDS) {
    const id = data[field];
    if (id === undefined) continue;
    if (typeof id === "string" && id !== "") return { kind };
    return { problem: `data.${field} must be a non-empty string, got ${id === null ? "null" : typeof id}` };
  }
  return { problem: "data has none of refundNo, payoutNo and paymentNo, so it is no known kind of notification" };
}
