// Rows into records, shared by both backends: the tables have the same columns on SQLite and on
// PostgreSQL, and rows.ts evens out how each driver returns their values.

import type { PaymentStatus, PayoutStatus, RefundStatus } from "@gatekit/types";
import type { BalanceRecord } from "./balances.js";
import type { ApiOperationId, MerchantOrigin, MerchantRecord } from "./merchants.js";
import type { AttemptOutcome, DeliveryAttempt, NotificationKind, NotificationRecord, NotificationStatus } from "./notifications.js";
import type { PaymentRecord } from "./payments.js";
import type { PayoutRecord } from "./payouts.js";
import type { RefundRecord } from "./refunds.js";
import { big, bool, num, numOrNull, type Row, textOrNull } from "./rows.js";

/** A payments row as a record. */
export function toPayment(r: Row): PaymentRecord {
  return {
    paymentNo: r["payment_no"] as string,
    appId: r["app_id"] as string,
    merchantTradeNo: r["merchant_trade_no"] as string,
    requestHash: r["request_hash"] as string,
    amount: big(r["amount"]),
    currency: r["currency"] as string,
    description: r["description"] as string,
    payMethodType: r["pay_method_type"] as string,
    payerName: r["payer_name"] as string,
    payerEmail: r["payer_email"] as string,
    merchantAttach: textOrNull(r["merchant_attach"]),
    notifyUrl: r["notify_url"] as string,
    returnUrl: r["return_url"] as string,
    status: r["status"] as PaymentStatus,
    refundReserved: big(r["refund_reserved"]),
    refunded: big(r["refunded"]),
    rrn: textOrNull(r["rrn"]),
    errorCode: textOrNull(r["error_code"]),
    errorInfo: textOrNull(r["error_info"]),
    checkoutToken: r["checkout_token"] as string,
    scenario: textOrNull(r["scenario"]),
    createdAt: num(r["created_at"]),
    paidAt: numOrNull(r["paid_at"]),
    expiresAt: num(r["expires_at"]),
    dueAt: numOrNull(r["due_at"]),
    updatedAt: num(r["updated_at"]),
  };
}

/** A refunds row as a record. */
export function toRefund(r: Row): RefundRecord {
  return {
    refundNo: r["refund_no"] as string,
    appId: r["app_id"] as string,
    merchantRefundNo: r["merchant_refund_no"] as string,
    requestHash: r["request_hash"] as string,
    paymentNo: r["payment_no"] as string,
    amount: big(r["amount"]),
    currency: r["currency"] as string,
    description: r["description"] as string,
    status: r["status"] as RefundStatus,
    failureReason: textOrNull(r["failure_reason"]),
    scenario: textOrNull(r["scenario"]),
    createdAt: num(r["created_at"]),
    completedAt: numOrNull(r["completed_at"]),
    dueAt: numOrNull(r["due_at"]),
    updatedAt: num(r["updated_at"]),
  };
}

/** A payouts row as a record. */
export function toPayout(r: Row): PayoutRecord {
  return {
    payoutNo: r["payout_no"] as string,
    appId: r["app_id"] as string,
    merchantTradeNo: r["merchant_trade_no"] as string,
    requestHash: r["request_hash"] as string,
    amount: big(r["amount"]),
    fee: big(r["fee"]),
    currency: r["currency"] as string,
    description: r["description"] as string,
    payoutMethodType: r["payout_method_type"] as string,
    merchantAttach: textOrNull(r["merchant_attach"]),
    notifyUrl: r["notify_url"] as string,
    status: r["status"] as PayoutStatus,
    rrn: textOrNull(r["rrn"]),
    errorCode: textOrNull(r["error_code"]),
    errorInfo: textOrNull(r["error_info"]),
    scenario: textOrNull(r["scenario"]),
    createdAt: num(r["created_at"]),
    paidAt: numOrNull(r["paid_at"]),
    dueAt: numOrNull(r["due_at"]),
    updatedAt: num(r["updated_at"]),
  };
}

/** A notifications row as a record. */
export function toNotification(r: Row): NotificationRecord {
  return {
    id: r["id"] as string,
    appId: r["app_id"] as string,
    kind: r["kind"] as NotificationKind,
    objectNo: r["object_no"] as string,
    notifyUrl: r["notify_url"] as string,
    body: r["body"] as string,
    status: r["status"] as NotificationStatus,
    attempts: num(r["attempts"]),
    nextAttemptAt: num(r["next_attempt_at"]),
    leaseUntil: numOrNull(r["lease_until"]),
    createdAt: num(r["created_at"]),
    deliveredAt: numOrNull(r["delivered_at"]),
  };
}

/** A delivery_attempts row as a record. */
export function toAttempt(r: Row): DeliveryAttempt {
  return {
    notificationId: r["notification_id"] as string,
    attempt: num(r["attempt"]),
    startedAt: num(r["started_at"]),
    durationMs: num(r["duration_ms"]),
    httpStatus: numOrNull(r["http_status"]),
    outcome: r["outcome"] as AttemptOutcome,
    detail: r["detail"] as string,
  };
}

/** A merchants row as a record (JSON columns parsed, starting balances as bigints). */
export function toMerchant(found: Row): MerchantRecord {
  const starting = JSON.parse(found["starting_balances"] as string) as Record<string, string>;
  return {
    appId: found["app_id"] as string,
    appSecret: found["app_secret"] as string,
    allowedHosts: found["allowed_hosts"] === null ? null : (JSON.parse(found["allowed_hosts"] as string) as string[]),
    operations: found["operations"] === null ? null : (JSON.parse(found["operations"] as string) as ApiOperationId[]),
    disabled: bool(found["disabled"]),
    startingBalances: Object.fromEntries(Object.entries(starting).map(([currency, amount]) => [currency, BigInt(amount)])),
    origin: found["origin"] as MerchantOrigin,
    createdAt: num(found["created_at"]),
  };
}

/** A balances row as a record. */
export function toBalance(found: Row): BalanceRecord {
  return { currency: found["currency"] as string, available: big(found["available"]), frozen: big(found["frozen"]) };
}

/** The record of a notification just enqueued: pending, due at once, not yet tried. */
export function newNotification(
  id: string,
  input: { appId: string; kind: NotificationKind; objectNo: string; notifyUrl: string; body: string; now: number },
): NotificationRecord {
  return {
    id,
    appId: input.appId,
    kind: input.kind,
    objectNo: input.objectNo,
    notifyUrl: input.notifyUrl,
    body: input.body,
    status: "pending",
    attempts: 0,
    nextAttemptAt: input.now,
    leaseUntil: null,
    createdAt: input.now,
    deliveredAt: null,
  };
}
