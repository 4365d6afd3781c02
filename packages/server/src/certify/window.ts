// The clock window, from @gatekit/signature's own rule (checkClock: DEFAULT_TOLERANCE_MS either
// way, inclusive): timestamps a margin inside and outside each edge.

import { DEFAULT_TOLERANCE_MS } from "@gatekit/signature/node";
import { paidClaim } from "./bodies.js";
import type { CaseContext } from "./context.js";
import { type Verdict, acceptedAs, refusedUnchanged } from "./verdict.js";

/**
 * How far from the window's edge "just inside" and "just outside" are. It covers the transit
 * and a small difference between certify's clock and the merchant's, and is far below the
 * window itself, so a merchant with a narrower window still fails "just inside".
 */
export const CLOCK_MARGIN_MS = 10_000;

/** clock-past-outside */
export const pastOutside = (ctx: CaseContext) => outside(ctx, -(DEFAULT_TOLERANCE_MS + CLOCK_MARGIN_MS));
/** clock-future-outside */
export const futureOutside = (ctx: CaseContext) => outside(ctx, DEFAULT_TOLERANCE_MS + CLOCK_MARGIN_MS);
/** clock-past-inside */
export const pastInside = (ctx: CaseContext) => inside(ctx, -(DEFAULT_TOLERANCE_MS - CLOCK_MARGIN_MS));
/** clock-future-inside */
export const futureInside = (ctx: CaseContext) => inside(ctx, DEFAULT_TOLERANCE_MS - CLOCK_MARGIN_MS);

async function outside(ctx: CaseContext, clockOffsetMs: number): Promise<Verdict> {
  const order = await ctx.order("pending");
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body: paidClaim(order.pending), clockOffsetMs })]);
}

async function inside(ctx: CaseContext, clockOffsetMs: number): Promise<Verdict> {
  const order = await ctx.order("paid");
  return acceptedAs(ctx, order, await ctx.deliver(order, { body: order.genuineBody!, clockOffsetMs }));
}
