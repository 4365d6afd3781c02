// Refunds of PAID payments: PENDING on creation, then REFUNDED or FAILED (refund-outcomes.ts).
// The refundable amount is the paid amount minus every refund not FAILED, reserved on the payment
// row by one conditional update, so concurrent refunds can never exceed it.

import { type RefundCreateRequest, ResponseCodes } from "@gatekit/types";
import type { MerchantRecord } from "../storage/merchants.js";
import type { RefundRecord } from "../storage/refunds.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { createOrRepeat } from "./create-or-repeat.js";
import { GatewayError } from "./errors.js";
import { catchUpPayment } from "./expiry.js";
import { newId } from "./ids.js";
import { formatAmount, positiveAmount } from "./money.js";
import { catchUpRefund, completeRefund } from "./refund-outcomes.js";
import { refundScenario } from "./scenarios.js";

/**
 * Creates a refund, or returns the one created before with the same merchantRefundNo and the
 * same content. With a refund delay of 0 it completes before this returns. Throws a
 * {@link GatewayError}: `Refund.Common.Duplicate_Refund_No`, `Payment.Common.Not_Found`,
 * `Refund.Common.Payment_Not_Paid`, `Refund.Common.Amount_Exceeded`, or
 * `Common.Request_Parameter_Error` for a zero amount.
 */
export async function createRefund(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: RefundCreateRequest,
): Promise<RefundRecord> {
  const amount = positiveAmount("amount", request.amount);
  return createOrRepeat(request, {
    label: `refund ${request.merchantRefundNo}`,
    find: () => tx.refunds.byMerchantRefundNo(merchant.appId, request.merchantRefundNo),
    catchUp: (existing) => catchUpRefund(tx, ctx, existing),
    differentContent: (existing) =>
      new GatewayError(
        ResponseCodes.RefundDuplicateRefundNo,
        `merchantRefundNo ${existing.merchantRefundNo} was already used with different content; ` +
          "use a new merchantRefundNo, or resend the original content",
      ),
    create: (hash, repeatOfWinner) => newRefund(tx, ctx, merchant, request, { amount, hash, repeatOfWinner }),
  });
}

// Reserves the amount on the PAID payment and inserts the PENDING refund; null when a concurrent
// create with the same merchantRefundNo inserted first (the reservation is then released).
async function newRefund(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: RefundCreateRequest,
  create: { amount: bigint; hash: string; repeatOfWinner: () => Promise<RefundRecord | null> },
): Promise<RefundRecord | null> {
  const { amount, hash } = create;
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
    const winner = await create.repeatOfWinner();
    if (winner) return winner;
    throw new GatewayError(
      ResponseCodes.RefundAmountExceeded,
      `refund amount ${formatAmount(amount)} exceeds the refundable amount ` +
        formatAmount(payment.amount - payment.refundReserved),
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
    await tx.payments.releaseRefund(payment.paymentNo, amount, now);
    return null;
  }
  if (settings.refundDelayMs === 0) return (await completeRefund(tx, ctx, refund, "REFUNDED")).refund;
  return refund;
}
