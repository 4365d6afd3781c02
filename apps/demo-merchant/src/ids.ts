// The shop's own ids for what it sends the gateway: orders, refunds and payouts.

import { randomBytes } from "node:crypto";

/**
 * A new merchant-side id such as `ORD-20261127T104412-3F9A2C0B5E71D4A8`: sortable by time, unique enough
 * for one shop, and well under the gateway's 50 characters.
 */
export function newId(prefix: "ORD" | "RFD" | "PO"): string {
  const time = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  // 64 random bits: ids made in the same second never collide in practice (24 bits did, once in
  // about 14 000 batches of 50).
  return `${prefix}-${time}-${randomBytes(8).toString("hex").toUpperCase()}`;
}
