// The control API's choice of how a PENDING payment, refund or payout ends. Each runs through the
// same transitions as the checkout page and the gateway's own timers, with actor `control` (which
// gets exactly the outcome it asks for, whatever the magic amount). Asking again for the outcome
// an object already has is answered with the object; asking for another one is a conflict.

import type { PayoutRecord } from "../storage/payouts.js";
import type { Store } from "../storage/store.js";
import { settlePayment, type SettlePaymentInput, type SettlePaymentResult } from "./checkout.js";
import type { DomainContext } from "./context.js";
import { StateConflict } from "./errors.js";
import type { RefundOfPayment } from "./lookups.js";
import { completePayout, type PayoutOutcomeInput } from "./payouts.js";
import { completeRefund } from "./refund-outcomes.js";

/** The payment outcome to choose, with the failure's code and explanation for FAILED. */
export type ChosenPaymentOutcome = Omit<SettlePaymentInput, "actor" | "token">;

/** The payout outcome to choose, with the failure's code and explanation for FAILED. */
export type ChosenPayoutOutcome = Omit<PayoutOutcomeInput, "actor">;

/**
 * Settles the payment as asked. Throws `Payment.Common.Not_Found` for an unknown paymentNo and a
 * {@link StateConflict} when it already ended otherwise.
 */
export async function choosePaymentOutcome(
  store: Store,
  ctx: DomainContext,
  input: ChosenPaymentOutcome,
): Promise<SettlePaymentResult> {
  const result = await store.transaction((tx) => settlePayment(tx, ctx, { ...input, actor: "control" }));
  // Refused only after the commit: catching up (an expired payment closing) stands either way.
  if (!result.changed && result.payment.status !== input.status) {
    throw new StateConflict(
      `payment ${input.paymentNo} is already ${result.payment.status}; only a PENDING payment can be moved`,
    );
  }
  return result;
}

/**
 * Completes the refund as asked; null when there is no refund with this refundNo. Throws a
 * {@link StateConflict} when it already ended otherwise.
 */
export function chooseRefundOutcome(
  store: Store,
  ctx: DomainContext,
  refundNo: string,
  status: "REFUNDED" | "FAILED",
): Promise<RefundOfPayment | null> {
  return store.transaction(async (tx) => {
    const found = await tx.refunds.get(refundNo);
    if (!found) return null;
    const refund =
      found.status === "PENDING" ? (await completeRefund(tx, ctx, found, status, "control")).refund : found;
    if (refund.status === "PENDING" || (found.status !== "PENDING" && found.status !== status)) {
      throw new StateConflict(`refund ${refundNo} is already ${refund.status}; only a PENDING refund can be moved`);
    }
    return { refund, payment: (await tx.payments.get(refund.paymentNo))! };
  });
}

/**
 * Completes the payout as asked; null when there is no payout with this payoutNo. Throws a
 * {@link StateConflict} when it already ended otherwise.
 */
export function choosePayoutOutcome(
  store: Store,
  ctx: DomainContext,
  payoutNo: string,
  input: ChosenPayoutOutcome,
): Promise<PayoutRecord | null> {
  return store.transaction(async (tx) => {
    const found = await tx.payouts.get(payoutNo);
    if (!found) return null;
    if (found.status !== "PENDING") {
      if (found.status === input.status) return found;
      throw new StateConflict(`payout ${payoutNo} is already ${found.status}; only a PENDING payout can be moved`);
    }
    return (await completePayout(tx, ctx, found, { ...input, actor: "control" })).payout;
  });
}
