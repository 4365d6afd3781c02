// Bodies a merchant must refuse without a server error, although their sign is valid: one over
// the gateway's 1 MiB limit, and one that is not JSON.

import { paddedTo, paidClaim } from "./bodies.js";
import type { CaseContext } from "./context.js";
import { type Verdict, refusedUnchanged } from "./verdict.js";

/** The gateway's limit on a request body; the oversized case goes 1 KiB over it. */
export const MAX_BODY_BYTES = 1_048_576;

/** body-oversized */
export async function oversized(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const body = paddedTo(paidClaim(order.pending), MAX_BODY_BYTES + 1024);
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body })], { no5xx: true, closeIsRefusal: true });
}

/** body-invalid-json */
export async function invalidJson(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const claim = paidClaim(order.pending);
  const body = claim.slice(0, Math.floor(claim.length / 2));
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body })], { no5xx: true });
}
