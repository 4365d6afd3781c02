// The control API's look at one payment, refund or payout by its gateway number, brought up to
// date first (an expired payment shows as CLOSED, a due refund or payout as completed), as the
// public API's queries do.

import type { PaymentRecord } from "../storage/payments.js";
import type { PayoutRecord } from "../storage/payouts.js";
import type { RefundRecord } from "../storage/refunds.js";
import type { Store } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { catchUpPayment } from "./expiry.js";
import { catchUpPayout } from "./payouts.js";
import { catchUpRefund } from "./refund-outcomes.js";

/** A refund with the payment it refunds (whose notifyUrl its notifications go to). */
export interface RefundOfPayment {
  readonly refund: RefundRecord;
  readonly payment: PaymentRecord;
}

/** The payment with this paymentNo, brought up to date; null when there is none. */
export function currentPayment(store: Store, ctx: DomainContext, paymentNo: string): Promise<PaymentRecord | null> {
  return store.transaction(async (tx) => {
    const found = await tx.payments.get(paymentNo);
    return found && catchUpPayment(tx, ctx, found);
  });
}

/** The refund with this refundNo, brought up to date, and its payment; null when there is none. */
export function currentRefund(store: Store, ctx: DomainContext, refundNo: string): Promise<RefundOfPayment | null> {
  return store.transaction(async (tx) => {
    const found = await tx.refunds.get(refundNo);
    if (!found) return null;
    const refund = await catchUpRefund(tx, ctx, found);
    return { refund, payment: (await tx.payments.get(refund.paymentNo))! };
  });
}

/** The payout with this payoutNo, brought up to date; null when there is none. */
export function currentPayout(store: Store, ctx: DomainContext, payoutNo: string): Promise<PayoutRecord | null> {
  return store.transaction(async (tx) => {
    const found = await tx.payouts.get(payoutNo);
    return found && catchUpPayout(tx, ctx, found);
  });
}
