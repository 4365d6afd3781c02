// A refund's completion: PENDING → REFUNDED or FAILED. A refund takes its money from the
// merchant's available balance when it completes; when that does not cover it, it fails and its
// amount is refundable again.

import type { PaymentRecord } from "../storage/payments.js";
import type { RefundRecord } from "../storage/refunds.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { formatAmount } from "./money.js";
import { notifyRefund } from "./notifications.js";

/** The refund brought up to date: completed when it is due. */
export async function catchUpRefund(tx: Tx, ctx: DomainContext, refund: RefundRecord): Promise<RefundRecord> {
  if (refund.status !== "PENDING" || refund.dueAt === null || refund.dueAt > ctx.now) return refund;
  return (await completeRefund(tx, ctx, refund, "REFUNDED")).refund;
}

/** Completes every refund due at `ctx.now` (of one payment or merchant when asked); returns how many. */
export async function completeDueRefunds(
  tx: Tx,
  ctx: DomainContext,
  filter: { appId?: string; paymentNo?: string } = {},
  limit = 100,
): Promise<number> {
  const due = await tx.refunds.due(ctx.now, limit, filter);
  for (const refund of due) await completeRefund(tx, ctx, refund, "REFUNDED");
  return due.length;
}

/**
 * Moves a PENDING refund to REFUNDED or FAILED and notifies. REFUNDED debits the merchant's
 * available balance; when that does not cover the refund (or the amount is the magic 8.08 and
 * the gateway itself completes it) the refund fails instead and its amount is refundable again.
 * `changed` is false when the refund was no longer PENDING.
 */
export async function completeRefund(
  tx: Tx,
  ctx: DomainContext,
  refund: RefundRecord,
  requested: "REFUNDED" | "FAILED",
  actor: "control" | "system" = "system",
): Promise<{ refund: RefundRecord; changed: boolean }> {
  const { now } = ctx;
  let status = requested;
  let failureReason: string | null = requested === "FAILED" ? "failed through the gateway's control API" : null;
  if (status === "REFUNDED" && actor === "system" && refund.scenario === "refund.fails") {
    status = "FAILED";
    failureReason = "rejected by the channel (sandbox scenario: amount 8.08)";
  }
  if (status === "REFUNDED" && !(await tx.balances.debit(refund.appId, refund.currency, refund.amount, now))) {
    status = "FAILED";
    failureReason = `the available ${refund.currency} balance did not cover ${formatAmount(refund.amount)}`;
  }
  if (!(await tx.refunds.finish(refund.refundNo, { status, failureReason, now }))) {
    // Someone else finished it first; undo the debit this call made.
    if (status === "REFUNDED") await tx.balances.credit(refund.appId, refund.currency, refund.amount, now);
    return { refund: (await tx.refunds.get(refund.refundNo)) ?? refund, changed: false };
  }
  if (status === "REFUNDED") await tx.payments.completeRefund(refund.paymentNo, refund.amount, now);
  else await tx.payments.releaseRefund(refund.paymentNo, refund.amount, now);

  const updated: RefundRecord = { ...refund, status, failureReason, completedAt: now, dueAt: null, updatedAt: now };
  const payment = (await tx.payments.get(refund.paymentNo)) as PaymentRecord;
  await notifyRefund(tx, ctx, updated, payment);
  return { refund: updated, changed: true };
}
