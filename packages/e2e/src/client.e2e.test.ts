// @gatekit/client end to end against the gateway from startGateway(), over real HTTP on loopback:
// every operation, the errors a real gateway produces, non-ASCII text, concurrency, idempotency.
// Nothing here injects a fault, so the suite runs unchanged against the reference gateway.

import { createGatewayClient, type GatewayClient, isGatewayError } from "@gatekit/client";
import { rejection } from "@gatekit/testing";
import { isGatewayTime, parseGatewayTime } from "@gatekit/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentRequest, payoutRequest, refundRequest, uniqueId } from "./support/fixtures.js";
import { type GatewayUnderTest, STARTING_BALANCES, startGateway } from "./support/gateway.js";

let gateway: GatewayUnderTest;
let client: GatewayClient;

beforeAll(async () => {
  gateway = await startGateway();
  client = createGatewayClient({
    baseUrl: gateway.baseUrl,
    appId: gateway.appId,
    appSecret: gateway.appSecret,
    allowInsecureLoopback: true,
    appInfo: { name: "gatekit-e2e", version: "1.0.0" },
  });
});

afterAll(async () => {
  await gateway.close();
});

describe("operations", () => {
  it("payments.create starts a pending payment with a redirect", async () => {
    const request = paymentRequest({ merchantAttach: '{"cartId":"c-77"}' });
    const payment = await client.payments.create(request);
    expect(payment).toMatchObject({
      merchantTradeNo: request.merchantTradeNo,
      amount: "100.05",
      currency: "INR",
      status: "PENDING",
    });
    expect(payment.paymentNo).toMatch(/^\S{1,32}$/);
    expect(payment.action.type).toBe("REDIRECT");
    expect(() => new URL(payment.action.url)).not.toThrow();
    // Dates stay the gateway's strings; @gatekit/types converts them.
    expect(typeof payment.createdTime).toBe("string");
    expect(isGatewayTime(payment.createdTime)).toBe(true);
    expect(Math.abs(parseGatewayTime(payment.createdTime).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("payments.query finds a payment by merchantTradeNo and by paymentNo", async () => {
    const request = paymentRequest({ merchantAttach: "attach-1" });
    const created = await client.payments.create(request);
    const byTradeNo = await client.payments.query({ merchantTradeNo: request.merchantTradeNo });
    const byPaymentNo = await client.payments.query({ paymentNo: created.paymentNo });
    expect(byTradeNo).toEqual(byPaymentNo);
    expect(byTradeNo).toMatchObject({
      paymentNo: created.paymentNo,
      merchantTradeNo: request.merchantTradeNo,
      status: "PENDING",
      refundStatus: "NONE",
      merchantAttach: "attach-1",
      paidTime: null,
    });
  });

  it("refunds.create refunds part of a paid payment", async () => {
    const payment = await client.payments.create(paymentRequest());
    await gateway.completePayment(payment.paymentNo);
    expect((await client.payments.query({ paymentNo: payment.paymentNo })).status).toBe("PAID");
    const request = refundRequest(payment.paymentNo, { amount: "30.00" });
    const refund = await client.refunds.create(request);
    expect(refund).toMatchObject({
      paymentNo: payment.paymentNo,
      merchantRefundNo: request.merchantRefundNo,
      amount: "30.00",
      currency: "INR",
    });
    expect(["PENDING", "REFUNDED"]).toContain(refund.status);
    expect(isGatewayTime(refund.createdTime)).toBe(true);
  });

  it("payouts.create and payouts.query", async () => {
    const request = payoutRequest({ merchantAttach: "batch-7" });
    const payout = await client.payouts.create(request);
    expect(payout).toMatchObject({
      merchantTradeNo: request.merchantTradeNo,
      amount: "250.00",
      currency: "INR",
      status: "PENDING",
    });
    const queried = await client.payouts.query({ payoutNo: payout.payoutNo });
    expect(queried).toMatchObject({
      payoutNo: payout.payoutNo,
      merchantTradeNo: request.merchantTradeNo,
      merchantAttach: "batch-7",
    });
    expect(queried.totalFee).toMatch(/^\d{1,15}\.\d{2}$/);
    expect(await client.payouts.query({ merchantTradeNo: request.merchantTradeNo })).toEqual(queried);
  });

  it("balance.query reports every requested currency", async () => {
    const { balanceList } = await client.balance.query({ currencies: ["INR", "BRL"] });
    expect(balanceList.map((balance) => balance.currency)).toEqual(["INR", "BRL"]);
    for (const balance of balanceList) {
      expect(balance.availableAmount).toMatch(/^\d{1,15}\.\d{2}$/);
      expect(balance.frozenAmount).toMatch(/^\d{1,15}\.\d{2}$/);
    }
    expect(Number(balanceList[1]!.availableAmount)).toBeLessThanOrEqual(Number(STARTING_BALANCES["BRL"]));
  });
});

describe("errors the gateway answers", () => {
  it("a business code is a GatewayError with code, errorMessage, httpStatus, nonce and the raw body", async () => {
    const merchantTradeNo = uniqueId("MISSING");
    const error = await rejection(client.payments.query({ merchantTradeNo }));
    expect(isGatewayError(error)).toBe(true);
    if (!isGatewayError(error)) return;
    expect(error.type).toBe("GatewayError");
    expect(error.code).toBe("Payment.Common.Not_Found");
    expect(typeof error.errorMessage).toBe("string");
    expect(error.httpStatus).toBe(200);
    expect(error.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(error.rawBody!)).toMatchObject({ code: "Payment.Common.Not_Found", data: null });
    expect(error.attempts).toBe(1);
    expect(error.message).toContain("Payment.Common.Not_Found");
  });

  it("the same merchantTradeNo with other content is refused, and never retried", async () => {
    const request = paymentRequest();
    await client.payments.create(request);
    const error = await rejection(client.payments.create({ ...request, amount: "200.00" }));
    expect(error).toMatchObject({ type: "GatewayError", code: "Payment.Common.Duplicate_Trade_No", attempts: 1 });
    expect((error as Error).message).toMatch(/new merchantTradeNo/);
  });

  it("a request field the contract refuses is Common.Request_Parameter_Error", async () => {
    const error = await rejection(client.payments.create(paymentRequest({ amount: "100.5" })));
    expect(error).toMatchObject({ type: "GatewayError", code: "Common.Request_Parameter_Error", httpStatus: 200 });
  });

  it("a wrong appSecret is an AuthenticationError (HTTP 401, Common.Auth.Sign_Failed), not retried", async () => {
    const wrong = createGatewayClient({
      baseUrl: gateway.baseUrl,
      appId: gateway.appId,
      appSecret: "not-the-secret",
      allowInsecureLoopback: true,
      retryBackoff: { initialMs: 1, maxMs: 1 },
    });
    const error = await rejection(wrong.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({
      type: "AuthenticationError",
      httpStatus: 401,
      code: "Common.Auth.Sign_Failed",
      attempts: 1,
    });
    expect((error as Error).message).toMatch(/appSecret/);
  });

  it("an unknown appId is an AuthenticationError", async () => {
    const stranger = createGatewayClient({
      baseUrl: gateway.baseUrl,
      appId: uniqueId("nobody"),
      appSecret: "x",
      allowInsecureLoopback: true,
    });
    const error = await rejection(stranger.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "AuthenticationError", httpStatus: 401, code: "Common.Auth.AppId_Not_Found" });
  });

  it("a base URL without the gateway's path prefix is a GatewayError (HTTP 404) that says so", async () => {
    const noPrefix = createGatewayClient({
      baseUrl: gateway.origin,
      appId: gateway.appId,
      appSecret: gateway.appSecret,
      allowInsecureLoopback: true,
    });
    const error = await rejection(noPrefix.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "GatewayError", httpStatus: 404 });
    expect((error as Error).message).toMatch(/path prefix/);
  });
});

describe("bodies and concurrency", () => {
  it("carries non-ASCII text both ways, signed over its UTF-8 bytes", async () => {
    const description = "Pedido nº 42 · São Paulo — 東京 ✓ 😀";
    const request = paymentRequest({
      currency: "BRL",
      description,
      payer: { userId: "u-ç", name: "João Ñúñez 李", email: "joao@example.com", phone: "+5511987654321" },
      merchantAttach: "carrinho=çãõ;emoji=🛒",
    });
    await client.payments.create(request);
    const queried = await client.payments.query({ merchantTradeNo: request.merchantTradeNo });
    expect(queried.merchantAttach).toBe("carrinho=çãõ;emoji=🛒");
  });

  it("serves concurrent calls, each signed with its own nonce", async () => {
    const requests = Array.from({ length: 25 }, () => paymentRequest());
    const created = await Promise.all(requests.map((request) => client.payments.create(request)));
    expect(new Set(created.map((payment) => payment.paymentNo)).size).toBe(25);
    const queried = await Promise.all(
      created.map((payment) => client.payments.query({ paymentNo: payment.paymentNo })),
    );
    expect(queried.map((payment) => payment.merchantTradeNo)).toEqual(
      requests.map((request) => request.merchantTradeNo),
    );
  });

  it("repeating a create with the same key and content returns the original object", async () => {
    const request = paymentRequest();
    const first = await client.payments.create(request);
    const reordered = Object.fromEntries(Object.entries(request).reverse()) as typeof request;
    const again = await client.payments.create(reordered);
    expect(again.paymentNo).toBe(first.paymentNo);
    const [a, b] = await Promise.all([
      client.payouts.create(payoutRequest({ merchantTradeNo: "PO-SAME-" + first.paymentNo })),
      client.payouts.create(payoutRequest({ merchantTradeNo: "PO-SAME-" + first.paymentNo })),
    ]);
    expect(a.payoutNo).toBe(b.payoutNo);
  });
});

describe("URLs", () => {
  it("signs the URL the gateway sees, however the base URL was written", async () => {
    // fetch sends /pg/v2/…; signing the base URL as written would sign /x/../pg/v2/… instead.
    const messy = createGatewayClient({
      baseUrl: `${gateway.origin}/x/../pg/`,
      appId: gateway.appId,
      appSecret: gateway.appSecret,
      allowInsecureLoopback: true,
    });
    await expect(messy.balance.query({ currencies: ["INR"] })).resolves.toHaveProperty("balanceList");
  });
});

describe("the raw openapi-fetch client", () => {
  it("returns { data, error, response } through the same signed, verified transport", async () => {
    const request = paymentRequest();
    await client.payments.create(request);
    const ok = await client.raw.POST("/v2/payment/query", { body: { merchantTradeNo: request.merchantTradeNo } });
    expect(ok.response.status).toBe(200);
    expect(ok.data?.code).toBe("OK");
    expect(ok.data?.data?.merchantTradeNo).toBe(request.merchantTradeNo);

    const wrong = createGatewayClient({
      baseUrl: gateway.baseUrl,
      appId: gateway.appId,
      appSecret: "wrong",
      allowInsecureLoopback: true,
    });
    const refused = await wrong.raw.POST("/v2/balance/query", { body: { currencies: ["INR"] } });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ code: "Common.Auth.Sign_Failed", data: null });
  });
});
