import { parseAuthorization, verifySync } from "@gatekit/signature/node";
import { afterEach, describe, expect, it } from "vitest";
import { validatorAt, describeErrors } from "../http/validation.js";
import {
  MERCHANT,
  paymentRequest,
  payoutRequest,
  refundRequest,
  type TestGateway,
  testGateway,
} from "../../test/index.js";

let t: TestGateway;
afterEach(() => t?.close());

const schemas = {
  payment: validatorAt("openapi", "/components/schemas/PaymentNotification"),
  refund: validatorAt("openapi", "/components/schemas/RefundNotification"),
  payout: validatorAt("openapi", "/components/schemas/PayoutNotification"),
};

async function outbox() {
  const { data } = await t.control("GET", "/notifications");
  for (const notification of data.notifications) {
    const validate = schemas[notification.kind as keyof typeof schemas];
    const body = JSON.parse(notification.body);
    if (!validate(body))
      throw new Error(`${notification.kind} notification breaks the contract: ${describeErrors(validate.errors)}`);
  }
  return data.notifications as {
    kind: string;
    objectNo: string;
    notifyUrl: string;
    body: string;
    status: string;
    attempts: number;
  }[];
}

describe("notifications", () => {
  it("are not sent for creation, only for changes of state", async () => {
    t = testGateway({ refundDelayMs: null, payoutDelayMs: null });
    const { data } = await t.call("/v2/payment/create", paymentRequest());
    await t.call("/v2/payout/create", payoutRequest());
    expect(await outbox()).toEqual([]);
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    await t.call("/v2/refund/create", refundRequest(data.paymentNo));
    expect((await outbox()).map((n) => n.kind)).toEqual(["payment"]);
  });

  it("carry the payment/query fields for a payment, to its notifyUrl", async () => {
    t = testGateway();
    const request = paymentRequest({ notifyUrl: "https://merchant.example.com/notify?source=gatekit" });
    const { data } = await t.call("/v2/payment/create", request);
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    const [notification] = await outbox();
    const queried = await t.call("/v2/payment/query", { paymentNo: data.paymentNo });
    expect(notification).toMatchObject({
      kind: "payment",
      objectNo: data.paymentNo,
      notifyUrl: request.notifyUrl,
      status: "pending",
      attempts: 0,
    });
    expect(JSON.parse(notification!.body)).toEqual({ code: "OK", errorMessage: null, data: queried.data });
  });

  it("carry the refund fields and status for a refund, to the payment's notifyUrl", async () => {
    t = testGateway({ refundDelayMs: 0 });
    const { data } = await t.call(
      "/v2/payment/create",
      paymentRequest({ notifyUrl: "https://merchant.example.com/payments" }),
    );
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    const refund = await t.call("/v2/refund/create", refundRequest(data.paymentNo));
    const notification = (await outbox()).find((n) => n.kind === "refund")!;
    expect(notification.notifyUrl).toBe("https://merchant.example.com/payments");
    expect(JSON.parse(notification.body)).toEqual({ code: "OK", errorMessage: null, data: refund.data });
    expect(refund.data.status).toBe("REFUNDED");
  });

  it("carry the payout/query fields for a payout, paid or failed", async () => {
    t = testGateway({ payoutDelayMs: 1000 });
    const paid = await t.call("/v2/payout/create", payoutRequest());
    const failed = await t.call("/v2/payout/create", payoutRequest({ amount: "6.06" }));
    t.clock.advance(1000);
    await t.gateway.sweep();
    const notifications = await outbox();
    const bodies = Object.fromEntries(notifications.map((n) => [n.objectNo, JSON.parse(n.body).data]));
    expect(bodies[paid.data.payoutNo]).toEqual(
      (await t.call("/v2/payout/query", { payoutNo: paid.data.payoutNo })).data,
    );
    expect(bodies[failed.data.payoutNo]).toMatchObject({
      status: "FAILED",
      totalFee: "0.00",
      errorCode: "Payout.Common.Rejected",
    });
  });

  it("one per transition: PAID, REFUNDED, REFUNDED again, and a CLOSED one", async () => {
    t = testGateway({ refundDelayMs: 0, paymentExpiryMs: 1000 });
    const { data } = await t.call("/v2/payment/create", paymentRequest());
    await t.call("/v2/payment/create", paymentRequest());
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    await t.call("/v2/refund/create", refundRequest(data.paymentNo, { amount: "50.00" }));
    await t.call("/v2/refund/create", refundRequest(data.paymentNo, { amount: "50.05" }));
    t.clock.advance(1000);
    await t.gateway.sweep();
    const statuses = (await outbox()).map((n) => JSON.parse(n.body).data.status).sort();
    expect(statuses).toEqual(["CLOSED", "PAID", "REFUNDED", "REFUNDED"]);
  });

  it("are delivered signed over the notifyUrl with the merchant's secret, then marked delivered", async () => {
    const received: { url: string; body: string; authorization: string | null }[] = [];
    const notifyFetch = async (input: string | URL | Request, init?: RequestInit) => {
      const request = new Request(input, init);
      received.push({
        url: request.url,
        body: await request.text(),
        authorization: request.headers.get("authorization"),
      });
      return new Response('{"code":"OK"}', { status: 200 });
    };
    t = testGateway({ notifyFetch: notifyFetch as typeof fetch });
    const { data } = await t.call("/v2/payment/create", paymentRequest());
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    expect(await t.gateway.deliverNow()).toBe(1);
    const [delivery] = received;
    const parts = parseAuthorization(delivery!.authorization);
    expect(parts.appId).toBe(MERCHANT.appId);
    expect(
      verifySync({
        ...parts,
        appSecret: MERCHANT.appSecret,
        url: "https://merchant.example.com/gateway/notify",
        body: delivery!.body,
      }),
    ).toBe(true);
    const [notification] = await outbox();
    expect(notification).toMatchObject({ status: "delivered", attempts: 1 });
  });
});
