// The shop's records as its pages and routes see them: orders with their refunds, payouts, and
// the notifications it has processed. Amounts are amount strings, never floats.

import type { Amount, Currency, PaymentStatus, PayoutStatus, RefundStatus } from "@gatekit/types";
import type { Notification } from "@gatekit/webhooks";

/** An order of the shop; its `status` is the payment's status as the gateway last notified it. */
export interface Order {
  readonly merchantTradeNo: string;
  readonly productId: string;
  readonly description: string;
  readonly amount: Amount;
  readonly currency: Currency;
  readonly status: PaymentStatus;
  /** The gateway's id of the payment, once payment/create answered. */
  readonly paymentNo: string | null;
  /** Why the payment failed, as the gateway said. */
  readonly errorInfo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly refunds: readonly Refund[];
}

/** A refund of an order. */
export interface Refund {
  readonly merchantRefundNo: string;
  readonly merchantTradeNo: string;
  readonly refundNo: string | null;
  readonly amount: Amount;
  readonly currency: Currency;
  readonly status: RefundStatus;
  /** Why the gateway refused to create it. */
  readonly errorInfo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A payout the shop sent. */
export interface Payout {
  readonly merchantTradeNo: string;
  readonly payoutNo: string | null;
  readonly amount: Amount;
  readonly currency: Currency;
  readonly payeeName: string | null;
  readonly vpa: string | null;
  readonly status: PayoutStatus;
  /** The gateway's fee, known from the payout's notification. */
  readonly fee: Amount | null;
  readonly errorInfo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What applying a notification did. Anything but `applied` changed nothing. */
export interface NotificationOutcome {
  readonly result: "applied" | "duplicate" | "ignored";
  /** Why, in a few words, for the log. */
  readonly detail: string;
}

/** A notification already processed, for the orders page. */
export interface ProcessedNotification {
  readonly kind: Notification["kind"];
  readonly objectNo: string;
  readonly status: string;
  readonly outcome: string;
  readonly receivedAt: string;
}
