// Refunds of PAID payments: PENDING on creation, then REFUNDED or FAILED. The refundable amount
// is the paid amount minus every refund not FAILED, reserved on the payment row by one
// conditional update, so concurrent refunds can never exceed it. A refund takes its money from
// the merchant's available balance when it completes; when that does not cover it, it fails.

import { type RefundCreateRequest, ResponseCodes } from "@gatekit/types";
import type { MerchantRecord } from "../storage/merchants.js";
import type { PaymentRecord } from "../storage/payments.js";
import type { RefundRecord } from "../storage/refunds.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { GatewayError } from "./errors.js";
import { newId } from "./ids.js";
import { requestHash } from "./idempotency.js";
import { formatAmount, positiveAmount } from "./money.js";
import { notifyRefund } from "./notifications.js";
import { catchUpPayment } from "./payments.js";
import { refundScenario } from "./scenarios.js";

/**
 * Creates a refund, or returns the one created before with the same merchantRefundNo and the
 * same content. With a refund delay of 0 it completes before this returns. Throws a
 * {@link GatewayError}: `Refund.Common.Duplicate_Refund_No`, `Payment.Common.Not_Found`,
 * `Refund.Common.Payment_Not_Paid`, `Refund.Common.Amount_Exceeded`, or
 * `Common.Request_Parameter_Error` for a zero amount.
 */
export async function createRefund(tx: Tx, ctx: DomainContext, merchant: MerchantRecord, request: RefundCreateRequest): Promise<RefundRecord> {
  const amount = positiveAmount("amount", request.amount);
  const hash = requestHash(request);
  const existing = await tx.refunds.byMerchantRefundNo(merchant.appId, request.merchantRefundNo);
  if (existing) return repeat(tx, ctx, existing, hash);

  const found = await tx.payments.get(request.paymentNo, merchant.appId);
  if (!found) throw new GatewayError(ResponseCodes.PaymentNotFound, `no payment with paymentNo ${request.paymentNo}`);
  const payment = await catchUpPayment(tx, ctx, found);
  if (payment.status !== "PAID") {
    throw new GatewayError(
      ResponseCodes.RefundPaymentNotPaid,
      `payment ${payment.paymentNo} is ${payment.status}; only a PAID payment can be refunded`,
    );
  }
  const { now, settings } = ctx;
  if (!(await tx.payments.reserveRefund(payment.paymentNo, amount, now))) {
    // On a database where transactions run side by side, a concurrent create with the same
    // merchantRefundNo may hold the amount this one wanted; it is committed by now, so look again.
    const winner = await tx.refunds.byMerchantRefundNo(merchant.appId, request.merchantRefundNo);
    if (winner) return repeat(tx, ctx, winner, hash);
    throw new GatewayError(
      ResponseCodes.RefundAmountExceeded,
      `refund amount ${formatAmount(amount)} exceeds the refundable amount ${formatAmount(payment.amount - payment.refundReserved)}`,
    );
  }
  const refund: RefundRecord = {
    refundNo: newId("RF", now),
    appId: merchant.appId,
    merchantRefundNo: request.merchantRefundNo,
    requestHash: hash,
    paymentNo: payment.paymentNo,
    amount,
    currency: payment.currency,
    description: request.description,
    status: "PENDING",
    failureReason: null,
    scenario: refundScenario(amount),
    createdAt: now,
    completedAt: null,
    dueAt: settings.refundDelayMs === null ? null : now + settings.refundDelayMs,
    updatedAt: now,
  };
  if (!(await tx.refunds.insert(refund))) {
    // A concurrent create with the same merchantRefundNo won: undo the reservation, answer as a repeat.
    await tx.payments.releaseRefund(payment.paymentNo, amount, now);
    const winner = await tx.refunds.byMerchantRefundNo(merchant.appId, request.merchantRefundNo);
    if (!winner) throw new Error(`refund ${request.merchantRefundNo} conflicted on insert but cannot be read back`);
    return repeat(tx, ctx, winner, hash);
  }
  if (settings.refundDelayMs === 0) return (await completeRefund(tx, ctx, refund, "REFUNDED")).refund;
  return refund;
}

async function repeat(tx: Tx, ctx: DomainContext, existing: RefundRecord, hash: string): Promise<RefundRecord> {
  if (existing.requestHash !== hash) {
    throw new GatewayError(
      ResponseCodes.RefundDuplicateRefundNo,
      `merchantRefundNo ${existing.merchantRefundNo} was already used with different content; use a new merchantRefundNo, or resend the original content`,
    );
  }
  return catchUpRefund(tx, ctx, existing);
}

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
