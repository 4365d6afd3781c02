// The control API's shapes (spec/control.yaml) of the gateway's records.

import type { components } from "../generated/control.js";
import { checkoutUrl, gatewayTime, paymentQueryData, payoutQueryData, refundData } from "../domain/views.js";
import { balanceView } from "../domain/balances.js";
import { formatAmount } from "../domain/money.js";
import type { LoggedNotification } from "../domain/notification-log.js";
import type { BalanceRecord } from "../storage/balances.js";
import type { DeliveryAttempt, NotificationRecord } from "../storage/notifications.js";
import type { MerchantRecord } from "../storage/merchants.js";
import type { PaymentRecord } from "../storage/payments.js";
import type { PayoutRecord } from "../storage/payouts.js";
import type { RefundRecord } from "../storage/refunds.js";

type Schemas = components["schemas"];

/** A merchant, without its secret. */
export function merchantView(merchant: MerchantRecord): Schemas["Merchant"] {
  return {
    appId: merchant.appId,
    origin: merchant.origin,
    allowedHosts: merchant.allowedHosts === null ? null : [...merchant.allowedHosts],
    operations: merchant.operations === null ? null : [...merchant.operations],
    disabled: merchant.disabled,
    startingBalances: Object.fromEntries(
      Object.entries(merchant.startingBalances).map(([currency, amount]) => [currency, formatAmount(amount)]),
    ),
    createdTime: gatewayTime(merchant.createdAt),
  };
}

/** A merchant's balances, one per currency it has. */
export function balanceListView(balances: readonly BalanceRecord[]): Schemas["BalancesResponse"]["data"] {
  return { balanceList: balances.map((balance) => balanceView(balance.currency, balance)) };
}

/** A payment with what only the gateway sees. */
export function paymentDetails(payment: PaymentRecord, publicOrigin: string): Schemas["PaymentDetails"] {
  return {
    payment: paymentQueryData(payment) as unknown as Record<string, unknown>,
    appId: payment.appId,
    notifyUrl: payment.notifyUrl,
    returnUrl: payment.returnUrl,
    checkoutUrl: checkoutUrl(publicOrigin, payment),
    expiresTime: gatewayTime(payment.expiresAt),
    scenario: payment.scenario,
    refundedAmount: formatAmount(payment.refunded),
    refundableAmount: formatAmount(payment.status === "PAID" ? payment.amount - payment.refundReserved : 0n),
  };
}

/** A refund with its notifyUrl and failure reason. */
export function refundDetails(refund: RefundRecord, payment: PaymentRecord): Schemas["RefundDetails"] {
  return {
    refund: refundData(refund) as unknown as Record<string, unknown>,
    appId: refund.appId,
    notifyUrl: payment.notifyUrl,
    failureReason: refund.failureReason,
  };
}

/** A payout with its notifyUrl and scenario. */
export function payoutDetails(payout: PayoutRecord): Schemas["PayoutDetails"] {
  return {
    payout: payoutQueryData(payout) as unknown as Record<string, unknown>,
    appId: payout.appId,
    notifyUrl: payout.notifyUrl,
    scenario: payout.scenario,
  };
}

/** A notification with its attempts. */
export function notificationView(
  notification: NotificationRecord,
  attempts: readonly DeliveryAttempt[],
): Schemas["Notification"] {
  return {
    id: notification.id,
    appId: notification.appId,
    kind: notification.kind,
    objectNo: notification.objectNo,
    notifyUrl: notification.notifyUrl,
    body: notification.body,
    status: notification.status,
    attempts: notification.attempts,
    nextAttemptTime: gatewayTime(notification.nextAttemptAt),
    createdTime: gatewayTime(notification.createdAt),
    deliveredTime: notification.deliveredAt === null ? null : gatewayTime(notification.deliveredAt),
    attemptLog: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      startedTime: gatewayTime(attempt.startedAt),
      durationMs: attempt.durationMs,
      httpStatus: attempt.httpStatus,
      outcome: attempt.outcome,
      detail: attempt.detail,
    })),
  };
}

/** A notification of the log with its attempts. */
export function loggedNotificationView(logged: LoggedNotification): Schemas["Notification"] {
  return notificationView(logged.notification, logged.attempts);
}
