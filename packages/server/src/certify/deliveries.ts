// The cases about genuine notifications: acknowledged, processed once however often and however
// concurrently they arrive, and never moving an order out of its final status.

import type { CaseContext, CaseOrder, Delivered } from "./context.js";
import { failedInstead, stalePending } from "./bodies.js";
import { type Verdict, acceptedAs, acknowledged, fail, pass, processedOnce, said, skip } from "./verdict.js";
import { formatMs } from "./transport.js";

/** genuine-paid */
export async function genuinePaid(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  return acceptedAs(ctx, order, await ctx.deliver(order, { body: order.genuineBody! }));
}

/** duplicate-sequential */
export async function duplicateSequential(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  const first = await ctx.deliver(order, { body: order.genuineBody! });
  const second = await ctx.deliver(order, { body: order.genuineBody! });
  return twice(ctx, order, first, second);
}

/** duplicate-concurrent */
export async function duplicateConcurrent(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  const [first, second] = await Promise.all([
    ctx.deliver(order, { body: order.genuineBody! }),
    ctx.deliver(order, { body: order.genuineBody! }),
  ]);
  return twice(ctx, order, first, second);
}

/** retry-fresh-nonce */
export async function retryFreshNonce(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  await ctx.deliver(order, { body: order.genuineBody!, abandon: true });
  const retry = await ctx.deliver(order, { body: order.genuineBody! });
  if (!acknowledged(retry)) return fail(`the retry was not acknowledged: ${said(retry)}`);
  return (await processedOnce(ctx, order)) ?? pass(`the retry was ${said(retry)}; processed once, the order is PAID`);
}

/** out-of-order-failed-after-paid */
export async function failedAfterPaid(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  return lateArrival(
    ctx,
    await ctx.deliver(order, { body: order.genuineBody! }),
    order,
    failedInstead(order.genuineBody!),
    "FAILED",
  );
}

/** out-of-order-pending-after-paid */
export async function pendingAfterPaid(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  return lateArrival(
    ctx,
    await ctx.deliver(order, { body: order.genuineBody! }),
    order,
    stalePending(order.pending),
    "PENDING",
  );
}

/** replay-original-nonce */
export async function replayOriginalNonce(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  const first = await ctx.deliver(order, { body: order.genuineBody! });
  if (!acknowledged(first) || first.sent === undefined)
    return fail(`the genuine notification was not acknowledged: ${said(first)}`);
  const replay = await ctx.resend(order, first.sent);
  if (!acknowledged(replay)) {
    if (replay.result.outcome === "timeout" || replay.result.outcome === "connection_error")
      return fail(`the replay got ${said(replay)}; a refusal must come at once`);
    return pass(`the replay was refused (${said(replay)})`);
  }
  return (await processedOnce(ctx, order)) ?? pass(`the replay was ${said(replay)} and ignored: processed once`);
}

/** latency-within-timeout */
export async function latencyWithinTimeout(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("paid");
  const limit = ctx.settings.timeoutMs;
  // Waiting past the gateway's timeout measures how late the answer is, up to a bound.
  const delivered = await ctx.deliver(order, {
    body: order.genuineBody!,
    timeoutMs: Math.min(limit * 2, limit + 10_000),
  });
  const { durationMs } = delivered.result;
  if (delivered.result.outcome === "timeout") {
    return fail(
      `no answer within ${formatMs(durationMs)}, beyond the gateway's ${formatMs(limit)} timeout: ` +
        "the gateway gives up and retries",
    );
  }
  if (durationMs > limit)
    return fail(
      `answered after ${formatMs(durationMs)} (${said(delivered)}), ` +
        `beyond the gateway's ${formatMs(limit)} timeout: the gateway would have given up and retried`,
    );
  if (!acknowledged(delivered)) return fail(`a genuine notification was not acknowledged: ${said(delivered)}`);
  return pass(`${said(delivered)}, within the ${formatMs(limit)} timeout`);
}

async function twice(ctx: CaseContext, order: CaseOrder, ...deliveries: Delivered[]): Promise<Verdict> {
  for (const [index, delivered] of deliveries.entries()) {
    if (!acknowledged(delivered)) return fail(`delivery ${index + 1} of 2 was not acknowledged: ${said(delivered)}`);
  }
  return (
    (await processedOnce(ctx, order)) ??
    pass(`both acknowledged (${deliveries.map(said).join("; ")}); processed once, the order is PAID`)
  );
}

async function lateArrival(
  ctx: CaseContext,
  first: Delivered,
  order: CaseOrder,
  body: string,
  status: string,
): Promise<Verdict> {
  if (!acknowledged(first)) return fail(`the genuine PAID notification was not acknowledged: ${said(first)}`);
  const late = await ctx.deliver(order, { body });
  const state = await ctx.state(order);
  if (!state.ok)
    return skip(
      `the late ${status} notification got ${said(late)}, but its effect needs the order's state: ${state.reason}`,
    );
  if (state.state.status !== "PAID")
    return fail(
      `after the late ${status} notification (${said(late)}) the shop says the order is ` +
        `${state.state.status}; a PAID order must stay PAID`,
    );
  return pass(`the late ${status} notification got ${said(late)}; the order is still PAID`);
}
