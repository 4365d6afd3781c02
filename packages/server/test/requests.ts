// Valid request bodies to start from; tests override what they are about.

import type { PaymentCreateRequest, PayoutCreateRequest, RefundCreateRequest } from "@gatekit/types";

let counter = 0;

/** A unique merchant order id. */
export function tradeNo(prefix = "ORD"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** A valid payment/create body. */
export function paymentRequest(overrides: Partial<PaymentCreateRequest> = {}): PaymentCreateRequest {
  return {
    merchantTradeNo: tradeNo(),
    amount: "100.05",
    currency: "INR",
    description: "Order with 2 items",
    payer: { userId: "customer-8812", name: "Asha Verma", email: "asha.verma@example.com", phone: "+919812345678" },
    payMethod: { type: "UPI" },
    merchantAttach: '{"cartId":"c-77"}',
    notifyUrl: "https://merchant.example.com/gateway/notify",
    returnUrl: "https://merchant.example.com/checkout/return",
    ...overrides,
  };
}

/** A valid payout/create body. */
export function payoutRequest(overrides: Partial<PayoutCreateRequest> = {}): PayoutCreateRequest {
  return {
    merchantTradeNo: tradeNo("WD"),
    amount: "250.00",
    currency: "INR",
    description: "Seller settlement",
    payoutMethod: { type: "UPI", vpa: "asha.verma@okbank", payeeName: "Asha Verma" },
    merchantAttach: "seller-118",
    notifyUrl: "https://merchant.example.com/gateway/notify",
    ...overrides,
  };
}

/** A valid refund/create body for `paymentNo`. */
export function refundRequest(paymentNo: string, overrides: Partial<RefundCreateRequest> = {}): RefundCreateRequest {
  return {
    merchantRefundNo: tradeNo("RFD"),
    paymentNo,
    amount: "30.00",
    description: "One item returned",
    ...overrides,
  };
}
