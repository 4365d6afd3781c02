import { parseGatewayTime } from "@gatekit/types";
import { afterEach, describe, expect, it } from "vitest";
import { MERCHANT, ORIGIN, paymentRequest, START_TIME, type TestGateway, testGateway } from "../../test/index.js";
import { settlePayment } from "./checkout.js";

let t: TestGateway;
afterEach(() => t?.close());

const create = (body = paymentRequest()) => t.call("/v2/payment/create", body);
const query = (body: object) => t.call("/v2/payment/query", body);
const outcome = (paymentNo: string, body: object) => t.control("POST", `/payments/${paymentNo}/outcome`, body);
const balance = async (currency = "INR") =>
  (await t.call("/v2/balance/query", { currencies: [currency] })).data.balanceList[0];

describe("payment/create", () => {
  it("creates a PENDING payment with a gateway id, its checkout URL and the creation time", async () => {
    t = testGateway();
    const request = paymentRequest();
    const { status, code, data } = await create(request);
    expect([status, code]).toEqual([200, "OK"]);
    expect(data.paymentNo).toMatch(/^PAY20261127105044\d{10}$/);
    expect(data.paymentNo.length).toBeLessThanOrEqual(32);
    expect(data).toMatchObject({
      merchantTradeNo: request.merchantTradeNo,
      amount: "100.05",
      currency: "INR",
      status: "PENDING",
    });
    expect(data.action.type).toBe("REDIRECT");
    expect(data.action.url).toMatch(new RegExp(`^${ORIGIN}/checkout/${data.paymentNo}\\?token=[0-9a-f]{32}$`));
    expect(parseGatewayTime(data.createdTime).getTime()).toBe(START_TIME);
  });

  it("builds action.url on publicUrl when it is set", async () => {
    t = testGateway({ publicUrl: "https://sandbox.example.test" });
    const { data } = await t.call("/v2/payment/create", paymentRequest(), {
      signedUrl: "https://sandbox.example.test/pg/v2/payment/create",
    });
    expect(data.action.url).toMatch(/^https:\/\/sandbox\.example\.test\/checkout\/PAY/);
  });

  it("gives every payment its own id and token", async () => {
    t = testGateway();
    const [a, b] = [await create(), await create()];
    expect(a.data.paymentNo).not.toBe(b.data.paymentNo);
    expect(a.data.action.url.split("token=")[1]).not.toBe(b.data.action.url.split("token=")[1]);
  });

  it("returns the original payment for a repeat with the same content, whatever the key order", async () => {
    t = testGateway();
    const request = paymentRequest();
    const first = await create(request);
    const reordered = Object.fromEntries(Object.entries(request).reverse());
    const again = await t.call("/v2/payment/create", undefined, { raw: JSON.stringify(reordered, null, 2) });
    expect(again.code).toBe("OK");
    expect(again.data).toEqual(first.data);
  });

  it("returns the current status on a repeat after the payment moved on", async () => {
    t = testGateway();
    const request = paymentRequest();
    const first = await create(request);
    await outcome(first.data.paymentNo, { status: "PAID" });
    expect((await create(request)).data.status).toBe("PAID");
  });

  it("refuses the same merchantTradeNo with other content with Payment.Common.Duplicate_Trade_No", async () => {
    t = testGateway();
    const request = paymentRequest();
    await create(request);
    const other = await create({ ...request, amount: "100.06" });
    expect(other.code).toBe("Payment.Common.Duplicate_Trade_No");
    expect(other.errorMessage).toBe(
      `merchantTradeNo ${request.merchantTradeNo} was already used with different ` +
        `content; use a new merchantTradeNo, or resend the original content`,
    );
  });

  it("lets two merchants use the same merchantTradeNo", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT }, { appId: "second-merchant", appSecret: "second-secret" }] });
    const request = paymentRequest();
    expect((await create(request)).code).toBe("OK");
    expect((await t.call("/v2/payment/create", request, { appId: "second-merchant" })).code).toBe("OK");
  });

  it("refuses an amount of 0.00 as a parameter error", async () => {
    t = testGateway();
    const response = await create(paymentRequest({ amount: "0.00" }));
    expect(response.code).toBe("Common.Request_Parameter_Error");
    expect(response.errorMessage).toBe("amount: must be more than 0.00");
  });

  it("keeps the largest amount the contract allows exactly", async () => {
    t = testGateway();
    const { data } = await create(paymentRequest({ amount: "999999999999999.99" }));
    expect(data.amount).toBe("999999999999999.99");
  });

  const illegal: [string, Partial<ReturnType<typeof paymentRequest>>, RegExp][] = [
    [
      "an ftp notifyUrl",
      { notifyUrl: "ftp://merchant.example.com/notify" },
      /notifyUrl must be an http or https URL, not ftp/,
    ],
    ["a mailto returnUrl", { returnUrl: "mailto:shop@example.com" }, /returnUrl must be an http or https URL/],
    [
      "a notifyUrl with credentials",
      { notifyUrl: "https://user:pw@merchant.example.com/notify" },
      /notifyUrl must not contain a user name or password/,
    ],
  ];
  it.each(illegal)("refuses %s with Common.Illegal_Url", async (_name, overrides, message) => {
    t = testGateway();
    const response = await create(paymentRequest(overrides));
    expect(response.code).toBe("Common.Illegal_Url");
    expect(response.errorMessage).toMatch(message);
  });

  it("holds notifyUrl and returnUrl to the merchant's allow-list of hosts", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT, allowedHosts: ["merchant.example.com", "*.shop.example"] }] });
    expect((await create(paymentRequest({ returnUrl: "https://eu.shop.example/return" }))).code).toBe("OK");
    const refused = await create(paymentRequest({ notifyUrl: "https://attacker.example/notify" }));
    expect(refused.code).toBe("Common.Illegal_Url");
    expect(refused.errorMessage).toBe(
      "notifyUrl host attacker.example is not allowed for this merchant; allowed: merchant.example.com, *.shop.example",
    );
    expect((await create(paymentRequest({ returnUrl: "https://shop.example/return" }))).code).toBe(
      "Common.Illegal_Url",
    );
  });

  it("accepts plain http URLs, as a development gateway must", async () => {
    t = testGateway();
    const response = await create(
      paymentRequest({ notifyUrl: "http://127.0.0.1:3000/notify", returnUrl: "http://localhost:3000/return" }),
    );
    expect(response.code).toBe("OK");
  });
});

describe("payment/query", () => {
  it("finds a payment by paymentNo or by merchantTradeNo, with the query fields", async () => {
    t = testGateway();
    const created = await create();
    const byNo = await query({ paymentNo: created.data.paymentNo });
    const byTradeNo = await query({ merchantTradeNo: created.data.merchantTradeNo });
    expect(byNo.data).toEqual(byTradeNo.data);
    expect(byNo.data).toEqual({
      paymentNo: created.data.paymentNo,
      merchantTradeNo: created.data.merchantTradeNo,
      amount: "100.05",
      currency: "INR",
      status: "PENDING",
      refundStatus: "NONE",
      merchantAttach: '{"cartId":"c-77"}',
      createdTime: "2026-11-27T10:50:44.123+08:00",
      paidTime: null,
    });
  });

  it("answers an unknown payment with Payment.Common.Not_Found naming the key", async () => {
    t = testGateway();
    expect(await query({ merchantTradeNo: "ORD-20261127-9999" })).toMatchObject({
      code: "Payment.Common.Not_Found",
      errorMessage: "no payment with merchantTradeNo ORD-20261127-9999",
    });
    expect((await query({ paymentNo: "PAY0" })).errorMessage).toBe("no payment with paymentNo PAY0");
  });

  it("never shows one merchant another merchant's payment", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT }, { appId: "second-merchant", appSecret: "second-secret" }] });
    const created = await create();
    const response = await t.call(
      "/v2/payment/query",
      { paymentNo: created.data.paymentNo },
      { appId: "second-merchant" },
    );
    expect(response.code).toBe("Payment.Common.Not_Found");
  });
});

describe("payment state transitions", () => {
  it("PENDING → PAID sets paidTime and an rrn and credits the merchant's available balance", async () => {
    t = testGateway();
    const before = await balance();
    const created = await create();
    t.clock.advance(79_000);
    const result = await outcome(created.data.paymentNo, { status: "PAID" });
    expect(result.data.changed).toBe(true);
    const { data } = await query({ paymentNo: created.data.paymentNo });
    expect(data).toMatchObject({ status: "PAID", refundStatus: "NONE", paidTime: "2026-11-27T10:52:03.123+08:00" });
    expect(data.rrn).toMatch(/^\d{12}$/);
    expect(await balance()).toEqual({ currency: "INR", availableAmount: "100100.05", frozenAmount: "0.00" });
    expect(before.availableAmount).toBe("100000.00");
  });

  it("PENDING → FAILED records Payment.Common.Rejected and credits nothing", async () => {
    t = testGateway();
    const created = await create();
    await outcome(created.data.paymentNo, { status: "FAILED", errorInfo: "Declined by the payer's bank" });
    const { data } = await query({ paymentNo: created.data.paymentNo });
    expect(data).toMatchObject({
      status: "FAILED",
      paidTime: null,
      errorCode: "Payment.Common.Rejected",
      errorInfo: "Declined by the payer's bank",
    });
    expect((await balance()).availableAmount).toBe("100000.00");
  });

  it("PENDING → CLOSED when the payer cancels", async () => {
    t = testGateway();
    const created = await create();
    await outcome(created.data.paymentNo, { status: "CLOSED" });
    const { data } = await query({ paymentNo: created.data.paymentNo });
    expect(data.status).toBe("CLOSED");
    expect(data.errorCode).toBeUndefined();
  });

  it.each(["PAID", "FAILED", "CLOSED"])("never moves a payment out of %s", async (status) => {
    t = testGateway();
    const created = await create();
    await outcome(created.data.paymentNo, { status });
    for (const next of ["PAID", "FAILED", "CLOSED"].filter((other) => other !== status)) {
      const refused = await outcome(created.data.paymentNo, { status: next });
      expect(refused.status).toBe(409);
      expect(refused.errorMessage).toBe(
        `payment ${created.data.paymentNo} is already ${status}; only a PENDING payment can be moved`,
      );
    }
    const same = await outcome(created.data.paymentNo, { status });
    expect(same.data.changed).toBe(false);
    expect((await query({ paymentNo: created.data.paymentNo })).data.status).toBe(status);
  });

  it("closes a payment that was not paid within the expiry, on read and by the sweep", async () => {
    t = testGateway({ paymentExpiryMs: 60_000 });
    const read = await create();
    const swept = await create();
    t.clock.advance(59_999);
    expect((await query({ paymentNo: read.data.paymentNo })).data.status).toBe("PENDING");
    t.clock.advance(1);
    expect((await query({ paymentNo: read.data.paymentNo })).data.status).toBe("CLOSED");
    expect(await t.gateway.sweep()).toMatchObject({ payments: 1 });
    expect((await t.control("GET", `/payments/${swept.data.paymentNo}`)).data.payment.status).toBe("CLOSED");
    const notifications = (await t.control("GET", "/notifications")).data.notifications;
    expect(notifications.map((n: { objectNo: string }) => n.objectNo).sort()).toEqual(
      [read.data.paymentNo, swept.data.paymentNo].sort(),
    );
  });

  it("lets the payer pay on the checkout page until the expiry, not after", async () => {
    t = testGateway({ paymentExpiryMs: 60_000 });
    const created = await create();
    t.clock.advance(60_000);
    const result = await t.gateway.store.transaction((tx) =>
      settlePayment(
        tx,
        { now: t.clock.now(), settings: settings() },
        { paymentNo: created.data.paymentNo, status: "PAID", actor: "payer" },
      ),
    );
    expect(result).toMatchObject({ changed: false, payment: { status: "CLOSED" } });
  });
});

describe("magic amounts", () => {
  it("4.04: the payer's payment is declined when paying on the checkout page", async () => {
    t = testGateway();
    const created = await create(paymentRequest({ amount: "4.04" }));
    const token = created.data.action.url.split("token=")[1];
    const result = await t.gateway.store.transaction((tx) =>
      settlePayment(
        tx,
        { now: t.clock.now(), settings: settings() },
        { paymentNo: created.data.paymentNo, status: "PAID", actor: "payer", token },
      ),
    );
    expect(result.payment).toMatchObject({ status: "FAILED", errorCode: "Payment.Common.Rejected" });
    expect(result.redirect.params.status).toBe("FAILED");
    expect((await query({ paymentNo: created.data.paymentNo })).data.errorInfo).toMatch(/amount 4\.04/);
  });

  it("4.04 still pays when the control API says PAID", async () => {
    t = testGateway();
    const created = await create(paymentRequest({ amount: "4.04" }));
    await outcome(created.data.paymentNo, { status: "PAID" });
    expect((await query({ paymentNo: created.data.paymentNo })).data.status).toBe("PAID");
  });

  it("4.05: payment/create is rejected and nothing is created", async () => {
    t = testGateway();
    const request = paymentRequest({ amount: "4.05" });
    const response = await create(request);
    expect(response.code).toBe("Payment.Common.Rejected");
    expect((await query({ merchantTradeNo: request.merchantTradeNo })).code).toBe("Payment.Common.Not_Found");
  });

  it.each([
    ["5.01", "PAID"],
    ["5.02", "FAILED"],
    ["5.03", "CLOSED"],
    ["05.01", "PAID"],
  ])("%s: the payment becomes %s by itself after the scenario delay", async (amount, status) => {
    t = testGateway({ scenarioDelayMs: 2000 });
    const created = await create(paymentRequest({ amount }));
    t.clock.advance(1999);
    expect((await query({ paymentNo: created.data.paymentNo })).data.status).toBe("PENDING");
    t.clock.advance(1);
    expect((await query({ paymentNo: created.data.paymentNo })).data.status).toBe(status);
  });

  it("ordinary amounts near the magic ones behave normally", async () => {
    t = testGateway();
    for (const amount of ["4.00", "40.40", "4.06", "5.04", "105.01"]) {
      const created = await create(paymentRequest({ amount }));
      expect(created.code).toBe("OK");
      t.clock.advance(5000);
      expect((await query({ paymentNo: created.data.paymentNo })).data.status).toBe("PENDING");
    }
  });
});

function settings() {
  const { paymentExpiryMs, refundDelayMs, payoutDelayMs, scenarioDelayMs } = t.gateway.options;
  return { paymentExpiryMs, refundDelayMs, payoutDelayMs, scenarioDelayMs };
}
