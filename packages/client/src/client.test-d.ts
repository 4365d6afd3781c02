// The typed methods take exactly the contract's request types and resolve to its data types, and
// those are the types @gatekit/types derives from the generated `paths`, which `raw` uses too.

import type {
  BalanceQueryData,
  BalanceQueryRequest,
  DataAt,
  paths,
  PaymentCreateData,
  PaymentCreateRequest,
  PaymentQueryData,
  PaymentQueryRequest,
  PayoutCreateData,
  PayoutCreateRequest,
  PayoutQueryData,
  PayoutQueryRequest,
  RefundCreateData,
  RefundCreateRequest,
  RequestAt,
} from "@gatekit/types";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type CallOptions,
  createGatewayClient,
  type GatewayClient,
  type GatewayError,
  isGatewayError,
} from "./index.js";

declare const client: GatewayClient;

describe("the typed methods", () => {
  it("take the contract's request types", () => {
    expectTypeOf(client.payments.create).parameter(0).toEqualTypeOf<PaymentCreateRequest>();
    expectTypeOf(client.payments.query).parameter(0).toEqualTypeOf<PaymentQueryRequest>();
    expectTypeOf(client.refunds.create).parameter(0).toEqualTypeOf<RefundCreateRequest>();
    expectTypeOf(client.payouts.create).parameter(0).toEqualTypeOf<PayoutCreateRequest>();
    expectTypeOf(client.payouts.query).parameter(0).toEqualTypeOf<PayoutQueryRequest>();
    expectTypeOf(client.balance.query).parameter(0).toEqualTypeOf<BalanceQueryRequest>();
    expectTypeOf(client.balance.query).parameter(1).toEqualTypeOf<CallOptions | undefined>();
  });

  it("resolve to the contract's data types", () => {
    expectTypeOf(client.payments.create).returns.resolves.toEqualTypeOf<PaymentCreateData>();
    expectTypeOf(client.payments.query).returns.resolves.toEqualTypeOf<PaymentQueryData>();
    expectTypeOf(client.refunds.create).returns.resolves.toEqualTypeOf<RefundCreateData>();
    expectTypeOf(client.payouts.create).returns.resolves.toEqualTypeOf<PayoutCreateData>();
    expectTypeOf(client.payouts.query).returns.resolves.toEqualTypeOf<PayoutQueryData>();
    expectTypeOf(client.balance.query).returns.resolves.toEqualTypeOf<BalanceQueryData>();
  });

  it("use the same types @gatekit/types derives from the generated paths", () => {
    expectTypeOf<RequestAt<"/v2/payment/create">>().toEqualTypeOf<PaymentCreateRequest>();
    expectTypeOf<RequestAt<"/v2/payment/query">>().toEqualTypeOf<PaymentQueryRequest>();
    expectTypeOf<RequestAt<"/v2/refund/create">>().toEqualTypeOf<RefundCreateRequest>();
    expectTypeOf<RequestAt<"/v2/payout/create">>().toEqualTypeOf<PayoutCreateRequest>();
    expectTypeOf<RequestAt<"/v2/payout/query">>().toEqualTypeOf<PayoutQueryRequest>();
    expectTypeOf<RequestAt<"/v2/balance/query">>().toEqualTypeOf<BalanceQueryRequest>();
    expectTypeOf<DataAt<"/v2/payment/create">>().toEqualTypeOf<PaymentCreateData>();
    expectTypeOf<DataAt<"/v2/payment/query">>().toEqualTypeOf<PaymentQueryData>();
    expectTypeOf<DataAt<"/v2/refund/create">>().toEqualTypeOf<RefundCreateData>();
    expectTypeOf<DataAt<"/v2/payout/create">>().toEqualTypeOf<PayoutCreateData>();
    expectTypeOf<DataAt<"/v2/payout/query">>().toEqualTypeOf<PayoutQueryData>();
    expectTypeOf<DataAt<"/v2/balance/query">>().toEqualTypeOf<BalanceQueryData>();
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
  });

  it("refuse what the contract refuses", () => {
    const payment: PaymentCreateRequest = {
      merchantTradeNo: "ORD-1",
      amount: "100.05",
      currency: "INR",
      description: "Order 1",
      payer: { userId: "u-1", name: "Asha", email: "asha@example.com", phone: "+919999999999" },
      payMethod: { type: "UPI" },
      notifyUrl: "https://merchant.example.com/notify",
      returnUrl: "https://merchant.example.com/return",
    };
    void client.payments.create(payment);
    // @ts-expect-error: amount is a decimal string, never a number
    void client.payments.create({ ...payment, amount: 100.05 });
    // @ts-expect-error: a field the request does not have
    void client.payments.create({ ...payment, merchantOrderId: "ORD-1" });
    // @ts-expect-error: merchantRefundNo is required
    void client.refunds.create({ paymentNo: "PAY1", amount: "1.00", description: "Damaged" });
    // @ts-expect-error: exactly one of merchantTradeNo and paymentNo
    void client.payments.query({ merchantTradeNo: "ORD-1", paymentNo: "PAY1" });
    void client.payouts.create({
      merchantTradeNo: "PO-1",
      amount: "1.00",
      currency: "INR",
      description: "x",
      notifyUrl: "https://m.example/n",
      // @ts-expect-error: a UPI payout needs the payee's vpa
      payoutMethod: { type: "UPI", payeeName: "Ravi" },
    });
    // @ts-expect-error: currencies is a list
    void client.balance.query({ currencies: "INR" });
    // @ts-expect-error: per-call options are timeoutMs, maxRetries and signal
    void client.balance.query({ currencies: ["INR"] }, { retries: 1 });
  });

  it("leave dates as the gateway's strings", () => {
    expectTypeOf<PaymentQueryData["createdTime"]>().toEqualTypeOf<string>();
    expectTypeOf<PaymentQueryData["paidTime"]>().toEqualTypeOf<string | null>();
  });
});

describe("the errors", () => {
  it("narrow with isGatewayError and discriminate by type", () => {
    const error: unknown = new Error("x");
    if (isGatewayError(error)) {
      expectTypeOf(error).toEqualTypeOf<GatewayError>();
      expectTypeOf(error.type).toEqualTypeOf<
        | "GatewayError"
        | "AuthenticationError"
        | "ServerError"
        | "ConnectionError"
        | "TimeoutError"
        | "ResponseSignatureError"
      >();
      expectTypeOf(error.code).toEqualTypeOf<string | undefined>();
      expectTypeOf(error.nonce).toEqualTypeOf<string | undefined>();
    }
  });

  it("require the options the client cannot work without", () => {
    // @ts-expect-error: appSecret is required
    createGatewayClient({ baseUrl: "https://gateway.example.com/pg", appId: "app-1" });
  });
});
