// Notifications, enqueued in the same transaction as the state change they report, so a change
// is never committed without its notification nor the other way round. Creation is not a change
// of state: only transitions notify (payment PAID/FAILED/CLOSED, refund REFUNDED/FAILED, payout
// PAID/FAILED). The body is fixed here, once; the worker signs it afresh on every attempt.

import type { NotificationKind } from "@gatekit/types";
import type { PaymentRecord } from "../storage/payments.js";
import type { PayoutRecord } from "../storage/payouts.js";
import type { RefundRecord } from "../storage/refunds.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { newId } from "./ids.js";
import { paymentQueryData, payoutQueryData, refundData } from "./views.js";

/** The notification body: the envelope with `data`. */
export function notificationBody(data: object): string {
  return JSON.stringify({ code: "OK", errorMessage: null, data });
}

/** Enqueues the payment's notification (payment/query fields) to its notifyUrl. */
export function notifyPayment(tx: Tx, ctx: DomainContext, payment: PaymentRecord): Promise<void> {
  return enqueue(tx, ctx, "payment", payment.appId, payment.paymentNo, payment.notifyUrl, paymentQueryData(payment));
}

/** Enqueues the refund's notification (refund fields and status) to the refunded payment's notifyUrl. */
export function notifyRefund(tx: Tx, ctx: DomainContext, refund: RefundRecord, payment: PaymentRecord): Promise<void> {
  return enqueue(tx, ctx, "refund", refund.appId, refund.refundNo, payment.notifyUrl, refundData(refund));
}

/** Enqueues the payout's notification (payout/query fields) to its notifyUrl. */
export function notifyPayout(tx: Tx, ctx: DomainContext, payout: PayoutRecord): Promise<void> {
  return enqueue(tx, ctx, "payout", payout.appId, payout.payoutNo, payout.notifyUrl, payoutQueryData(payout));
}

async function enqueue(
  tx: Tx,
  ctx: DomainContext,
  kind: NotificationKind,
  appId: string,
  objectNo: string,
  notifyUrl: string,
  data: object,
): Promise<void> {
  const id = newId("NTF", ctx.now);
  await tx.notifications.enqueue({ id, appId, kind, objectNo, notifyUrl, body: notificationBody(data), now: ctx.now });
  ctx.notified?.();
}
