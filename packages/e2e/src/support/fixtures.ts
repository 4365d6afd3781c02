// Request bodies for the tests, each with fresh idempotency keys so tests never collide.

import { randomBytes } from "node:crypto";
import type { PaymentCreateRequest, PayoutCreateRequest, RefundCreateRequest } from "@gatekit/types";

/** A fresh merchant-side id, such as `ORD-1a2b3c4d5e6f`. */
export function uniqueId(prefix = "ORD"): string {
  return `${prefix}-${randomBytes(6).toString("hex")}`;
}

/** A valid payment/create body; amounts avoid the reference gateway's scenario amounts (4.04, 5.01…). */
export function paymentRequest(overrides: Partial<PaymentCreateRequest> = {}): PaymentCreateRequest {
  const merchantTradeNo = uniqueId("ORD");
  return {
    merchantTradeNo,
    amount: "100.05",
    currency: "INR",
    description: `Order ${merchantTradeNo}`,
    payer: { userId: "customer-8812", name: "Asha Verma", email: "asha.verma@example.com", phone: "+919812345678" },
    payMethod: { type: "UPI" },
    notifyUrl: "https://merchant.example.com/gateway/notify",
    returnUrl: "https://merchant.example.com/checkout/return",
    ...overrides,
  };
}

/** A valid refund/create body for `paymentNo`. */
export function refundRequest(paymentNo: string, overrides: Partial<RefundCreateRequest> = {}): RefundCreateRequest {
  return { merchantRefundNo: uniqueId("RFD"), paymentNo, amount: "10.00", description: "Returned item", ...overrides };
}

/** A valid payout/create body (UPI). */
export function payoutRequest(overrides: Partial<PayoutCreateRequest> = {}): PayoutCreateRequest {
  return {
    merchantTradeNo: uniqueId("PO"),
    amount: "250.00",
    currency: "INR",
    description: "Supplier payment",
    payoutMethod: { type: "UPI", vpa: "supplier@bank", payeeName: "Ravi Kumar" },
    notifyUrl: "https://merchant.example.com/gateway/notify",
    ...overrides,
  } as PayoutCreateRequest;
}
