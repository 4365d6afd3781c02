// Records as the contract shows them: the `data` of each operation's response and notification.
// Field order follows the contract's schemas, so the JSON reads like its examples.

import {
  formatGatewayTime,
  type PaymentCreateData,
  type PaymentQueryData,
  type PaymentRefundStatus,
  type PayoutCreateData,
  type PayoutQueryData,
  type RefundCreateData,
} from "@gatekit/types";
import type { PaymentRecord } from "../storage/payments.js";
import type { PayoutRecord } from "../storage/payouts.js";
import type { RefundRecord } from "../storage/refunds.js";
import { formatAmount } from "./money.js";

/** Epoch ms as a gateway time (`2026-11-27T10:50:44.123+08:00`). */
export function gatewayTime(epochMs: number): string {
  return formatGatewayTime(new Date(epochMs));
}

/** How much of the payment is refunded, from its REFUNDED total. */
export function refundStatusOf(payment: PaymentRecord): PaymentRefundStatus {
  if (payment.refunded === 0n) return "NONE";
  return payment.refunded >= payment.amount ? "FULL" : "PARTIAL";
}

/** The payment page: `<public origin>/checkout/<paymentNo>?token=<token>`. */
export function checkoutUrl(publicOrigin: string, payment: PaymentRecord): string {
  return `${publicOrigin}/checkout/${encodeURIComponent(payment.paymentNo)}?token=${payment.checkoutToken}`;
}

/** `data` of payment/create. */
export function paymentCreateData(payment: PaymentRecord, publicOrigin: string): PaymentCreateData {
  return {
    paymentNo: payment.paymentNo,
    merchantTradeNo: payment.merchantTradeNo,
    amount: formatAmount(payment.amount),
    currency: payment.currency,
    status: payment.status,
    action: { type: "REDIRECT", url: checkoutUrl(publicOrigin, payment) },
    createdTime: gatewayTime(payment.createdAt),
  };
}

/** `data` of payment/query and of the payment notification. */
export function paymentQueryData(payment: PaymentRecord): PaymentQueryData {
  const data: PaymentQueryData = {
    paymentNo: payment.paymentNo,
    merchantTradeNo: payment.merchantTradeNo,
    amount: formatAmount(payment.amount),
    currency: payment.currency,
    status: payment.status,
    refundStatus: refundStatusOf(payment),
    createdTime: gatewayTime(payment.createdAt),
    paidTime: payment.paidAt === null ? null : gatewayTime(payment.paidAt),
  };
  return ordered(
    data,
    {
      rrn: payment.rrn,
      merchantAttach: payment.merchantAttach,
      errorCode: payment.errorCode,
      errorInfo: payment.errorInfo,
    },
    PAYMENT_ORDER,
  );
}

/** `data` of refund/create and of the refund notification. */
export function refundData(refund: RefundRecord): RefundCreateData {
  return {
    refundNo: refund.refundNo,
    paymentNo: refund.paymentNo,
    merchantRefundNo: refund.merchantRefundNo,
    amount: formatAmount(refund.amount),
    currency: refund.currency,
    status: refund.status,
    createdTime: gatewayTime(refund.createdAt),
  };
}

/** `data` of payout/create. */
export function payoutCreateData(payout: PayoutRecord): PayoutCreateData {
  return {
    payoutNo: payout.payoutNo,
    merchantTradeNo: payout.merchantTradeNo,
    amount: formatAmount(payout.amount),
    currency: payout.currency,
    status: payout.status,
  };
}

/** `data` of payout/query and of the payout notification. */
export function payoutQueryData(payout: PayoutRecord): PayoutQueryData {
  const data: PayoutQueryData = {
    payoutNo: payout.payoutNo,
    merchantTradeNo: payout.merchantTradeNo,
    amount: formatAmount(payout.amount),
    currency: payout.currency,
    totalFee: formatAmount(payout.fee),
    status: payout.status,
    createdTime: gatewayTime(payout.createdAt),
    paidTime: payout.paidAt === null ? null : gatewayTime(payout.paidAt),
  };
  return ordered(
    data,
    {
      rrn: payout.rrn,
      merchantAttach: payout.merchantAttach,
      errorCode: payout.errorCode,
      errorInfo: payout.errorInfo,
    },
    PAYOUT_ORDER,
  );
}

const PAYMENT_ORDER = [
  "paymentNo",
  "merchantTradeNo",
  "amount",
  "currency",
  "status",
  "refundStatus",
  "rrn",
  "merchantAttach",
  "createdTime",
  "paidTime",
  "errorCode",
  "errorInfo",
] as const;
const PAYOUT_ORDER = [
  "payoutNo",
  "merchantTradeNo",
  "amount",
  "currency",
  "totalFee",
  "status",
  "rrn",
  "merchantAttach",
  "createdTime",
  "paidTime",
  "errorCode",
  "errorInfo",
] as const;

// Adds the optional fields that have a value, in the schema's order. Absent, never null: the
// contract types them as optional strings.
function ordered<T extends object>(required: T, optional: Record<string, string | null>, order: readonly string[]): T {
  const source: Record<string, unknown> = { ...(required as Record<string, unknown>) };
  for (const [key, value] of Object.entries(optional)) if (value !== null) source[key] = value;
  const result: Record<string, unknown> = {};
  for (const key of order) if (key in source) result[key] = source[key];
  return result as T;
}
