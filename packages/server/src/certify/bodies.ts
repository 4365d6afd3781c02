// The notification bodies certify sends, built by the gateway's own builders (notificationBody,
// gatewayTime) from the gateway's own view of the payment, so they differ from what the gateway
// would send only where a case says so.

import type { PaymentQueryData } from "@gatekit/types";
import { notificationBody } from "../domain/notifications.js";
import { gatewayTime } from "../domain/views.js";

/** A notification saying PAID for a payment the gateway still holds PENDING: what a forger sends. */
export function paidClaim(pending: PaymentQueryData): string {
  return notificationBody({ ...pending, status: "PAID", paidTime: gatewayTime(Date.now()) });
}

/** The gateway's PAID notification turned into a FAILED one for the same payment. */
export function failedInstead(paidBody: string): string {
  const { data } = JSON.parse(paidBody) as { data: PaymentQueryData };
  const { rrn: _rrn, ...rest } = data;
  return notificationBody({
    ...rest,
    status: "FAILED",
    paidTime: null,
    errorCode: "Payment.Common.Rejected",
    errorInfo: "Declined by the payer's bank",
  });
}

/** The payment as it was while PENDING, as a notification: a stale snapshot. */
export function stalePending(pending: PaymentQueryData): string {
  return notificationBody(pending);
}

/** `body` with its `data.merchantAttach` padded so that the whole body is `bytes` long. */
export function paddedTo(body: string, bytes: number): string {
  const { data } = JSON.parse(body) as { data: PaymentQueryData };
  const base = notificationBody({ ...data, merchantAttach: "" });
  return notificationBody({ ...data, merchantAttach: "x".repeat(Math.max(0, bytes - Buffer.byteLength(base))) });
}

/** `body` with the first digit of its amount replaced by another digit: one byte changed. */
export function tamperedAmount(body: string): string {
  const at = body.indexOf('"amount":"') + '"amount":"'.length;
  const digit = body[at]!;
  return body.slice(0, at) + (digit === "9" ? "1" : String(Number(digit) + 1)) + body.slice(at + 1);
}
