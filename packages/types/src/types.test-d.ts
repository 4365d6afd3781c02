import { describe, expectTypeOf, it } from "vitest";
import type {
  ApiOperationId,
  ApiPath,
  BalanceQueryData,
  BalanceQueryRequest,
  DataAt,
  KnownResponseCode,
  NotificationKind,
  OperationData,
  OperationRequest,
  OperationResponse,
  PaymentCreateData,
  PaymentCreateRequest,
  PaymentCreateResponse,
  PaymentNotification,
  PaymentQueryData,
  PaymentQueryRequest,
  PaymentStatus,
  PayMethod,
  PayoutMethod,
  PayoutQueryData,
  PayoutQueryRequest,
  paths,
  RefundCreateData,
  RefundCreateRequest,
  RequestAt,
  webhooks,
} from "./index.js";
import { ResponseCodes } from "./index.js";

const payment: PaymentCreateRequest = {
  merchantTradeNo: "M-1",
  amount: "100.05",
  currency: "INR",
  description: "Order 1",
  payer: { userId: "u-1", name: "Asha", email: "asha@example.com", phone: "+919999999999" },
  payMethod: { type: "UPI" },
  notifyUrl: "https://merchant.example.com/notify",
  returnUrl: "https://merchant.example.com/return",
};

describe("generated types", () => {
  it("are not any", () => {
    expectTypeOf<PaymentCreateRequest>().not.toBeAny();
    expectTypeOf<PaymentQueryData>().not.toBeAny();
    expectTypeOf<paths>().not.toBeAny();
    expectTypeOf<PaymentQueryData["amount"]>().toEqualTypeOf<string>();
    expectTypeOf<PaymentQueryData["status"]>().toEqualTypeOf<PaymentStatus>();
    expectTypeOf<BalanceQueryData["balanceList"][number]["availableAmount"]>().toEqualTypeOf<string>();
  });

  it("accept a correct payment/create body", () => {
    expectTypeOf(payment).toMatchTypeOf<PaymentCreateRequest>();
  });

  it("refuse a wrong field type", () => {
    // @ts-expect-error: amount is a decimal string, never a number
    const wrong: PaymentCreateRequest = { ...payment, amount: 100.05 };
    expectTypeOf(wrong).not.toBeAny();
  });

  it("refuse a missing required field", () => {
    const { payer: _payer, ...rest } = payment;
    // @ts-expect-error: payer is required
    const missing: PaymentCreateRequest = rest;
    expectTypeOf(missing).not.toBeAny();
  });

  it("refuse a status outside the enum", () => {
    // @ts-expect-error: SETTLED is not a payment status
    const status: PaymentStatus = "SETTLED";
    expectTypeOf(status).not.toBeAny();
  });

  it("take exactly one of merchantTradeNo and paymentNo in payment/query", () => {
    expectTypeOf({ merchantTradeNo: "M-1" }).toMatchTypeOf<PaymentQueryRequest>();
    expectTypeOf({ paymentNo: "PAY1" }).toMatchTypeOf<PaymentQueryRequest>();
    // @ts-expect-error: both keys at once are refused
    const both: PaymentQueryRequest = { merchantTradeNo: "M-1", paymentNo: "PAY1" };
    expectTypeOf(both).not.toBeAny();
  });

  it("narrow pay and payout methods by type", () => {
    const upi = { type: "UPI", vpa: "payee@upi", payeeName: "Asha" } satisfies PayoutMethod;
    expectTypeOf(upi.type).toEqualTypeOf<"UPI">();
    // @ts-expect-error: CARD is not a pay method type
    const card: PayMethod = { type: "CARD" };
    expectTypeOf(card).not.toBeAny();
    // @ts-expect-error: a UPI payout needs the payee's vpa
    const noVpa: PayoutMethod = { type: "UPI", payeeName: "Asha" };
    expectTypeOf(noVpa).not.toBeAny();
  });

  it("describe the operations and the notifications", () => {
    type CreateBody = NonNullable<paths["/v2/payment/create"]["post"]["requestBody"]>["content"]["application/json"];
    expectTypeOf<CreateBody>().toEqualTypeOf<PaymentCreateRequest>();
    expectTypeOf<keyof webhooks>().toEqualTypeOf<"paymentNotification" | "refundNotification" | "payoutNotification">();
    expectTypeOf<PaymentNotification["code"]>().toEqualTypeOf<"OK">();
  });

  it("keep the code constants within the contract's codes", () => {
    expectTypeOf<(typeof ResponseCodes)[keyof typeof ResponseCodes]>().toMatchTypeOf<KnownResponseCode>();
  });
});

describe("the operations by operationId and by path", () => {
  it("name the six public operations and their paths, not the notifications", () => {
    expectTypeOf<ApiOperationId>().toEqualTypeOf<
      "createPayment" | "queryPayment" | "createRefund" | "createPayout" | "queryPayout" | "queryBalance"
    >();
    expectTypeOf<ApiPath>().toEqualTypeOf<keyof paths>();
    // @ts-expect-error: a notification is not an operation of the API
    expectTypeOf<OperationRequest<"paymentNotification">>().not.toBeAny();
  });

  it("give each operation's request, response and data", () => {
    expectTypeOf<OperationRequest<"createPayment">>().toEqualTypeOf<PaymentCreateRequest>();
    expectTypeOf<OperationResponse<"createPayment">>().toEqualTypeOf<PaymentCreateResponse>();
    expectTypeOf<OperationData<"createPayment">>().toEqualTypeOf<PaymentCreateData>();
    expectTypeOf<OperationRequest<"createRefund">>().toEqualTypeOf<RefundCreateRequest>();
    expectTypeOf<OperationData<"createRefund">>().toEqualTypeOf<RefundCreateData>();
    expectTypeOf<OperationData<"queryPayment">>().toEqualTypeOf<PaymentQueryData>();
    expectTypeOf<OperationData<"queryBalance">>().toEqualTypeOf<BalanceQueryData>();
  });

  it("give the same types by path", () => {
    expectTypeOf<RequestAt<"/v2/payment/create">>().toEqualTypeOf<PaymentCreateRequest>();
    expectTypeOf<RequestAt<"/v2/payment/create">>().toEqualTypeOf<OperationRequest<"createPayment">>();
    expectTypeOf<DataAt<"/v2/payment/create">>().toEqualTypeOf<OperationData<"createPayment">>();
    expectTypeOf<RequestAt<"/v2/payment/query">>().toEqualTypeOf<PaymentQueryRequest>();
    expectTypeOf<RequestAt<"/v2/payout/query">>().toEqualTypeOf<PayoutQueryRequest>();
    expectTypeOf<DataAt<"/v2/payout/query">>().toEqualTypeOf<PayoutQueryData>();
    expectTypeOf<RequestAt<"/v2/balance/query">>().toEqualTypeOf<BalanceQueryRequest>();
  });

  it("name the notification kinds after the webhooks", () => {
    expectTypeOf<NotificationKind>().toEqualTypeOf<"payment" | "refund" | "payout">();
    expectTypeOf<`${NotificationKind}Notification`>().toEqualTypeOf<keyof webhooks>();
  });
});
