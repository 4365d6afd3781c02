import { afterEach, describe, expect, it } from "vitest";
import {
  MERCHANT,
  ORIGIN,
  paymentRequest,
  payoutRequest,
  refundRequest,
  type TestGateway,
  testGateway,
} from "../../test/index.js";
import { isLoopback } from "./guard.js";

let t: TestGateway;
afterEach(() => t?.close());

describe("control API access", () => {
  it("answers in-process calls and loopback clients without a token", async () => {
    t = testGateway();
    expect((await t.control("GET", "/health")).data).toEqual({ status: "ok", basePath: "/pg" });
    const local = await t.gateway.fetch(new Request(`${ORIGIN}/__gateway/health`), {
      incoming: { socket: { remoteAddress: "::ffff:127.0.0.1" } },
    });
    expect(local.status).toBe(200);
  });

  it("refuses other addresses without a token, saying how to allow them", async () => {
    t = testGateway();
    const remote = await t.gateway.fetch(new Request(`${ORIGIN}/__gateway/health`), {
      incoming: { socket: { remoteAddress: "192.0.2.7" } },
    });
    expect(remote.status).toBe(403);
    expect(await remote.json()).toMatchObject({
      code: "Control.Common.Forbidden",
      errorMessage: expect.stringMatching(/control token/),
    });
  });

  it("with a token, requires it as a Bearer token from every address", async () => {
    t = testGateway({ controlToken: "s3cret-control-token" });
    const missing = await t.control("GET", "/health");
    expect([missing.status, missing.code]).toEqual([401, "Control.Common.Unauthorized"]);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await t.control("GET", "/health", undefined, { authorization: "Bearer wrong-token-here" })).status).toBe(
      401,
    );
    expect((await t.control("GET", "/health", undefined, { authorization: "s3cret-control-token" })).status).toBe(401);
    expect(
      (await t.control("GET", "/health", undefined, { authorization: "Bearer s3cret-control-token" })).status,
    ).toBe(200);
    const remote = await t.gateway.fetch(
      new Request(`${ORIGIN}/__gateway/health`, { headers: { authorization: "Bearer s3cret-control-token" } }),
      {
        incoming: { socket: { remoteAddress: "192.0.2.7" } },
      },
    );
    expect(remote.status).toBe(200);
    expect(missing.text).not.toContain("s3cret");
  });

  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["fe80::1", false],
  ])("counts %s as loopback: %s", (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  it("answers unknown control routes and malformed bodies with the envelope", async () => {
    t = testGateway();
    expect(await t.control("GET", "/nothing")).toMatchObject({ status: 404, code: "Control.Common.Not_Found" });
    expect(await t.control("POST", "/payments/PAY1/outcome", "{bad")).toMatchObject({
      status: 400,
      code: "Control.Common.Invalid_Request",
    });
    expect(await t.control("POST", "/payments/PAY1/outcome", { status: "DONE" })).toMatchObject({
      status: 400,
      errorMessage: "status: must be one of PAID, FAILED, CLOSED",
    });
    expect(await t.control("POST", "/payments/PAY1/outcome", { status: "PAID" })).toMatchObject({
      status: 404,
      code: "Control.Common.Not_Found",
    });
    expect(await t.control("POST", "/sweep", { now: 1 })).toMatchObject({ status: 400 });
  });
});

describe("control API merchants", () => {
  it("lists merchants without their secrets", async () => {
    t = testGateway();
    const { data, text } = await t.control("GET", "/merchants");
    expect(data.merchants).toEqual([
      {
        appId: MERCHANT.appId,
        origin: "configured",
        allowedHosts: null,
        operations: null,
        disabled: false,
        startingBalances: { INR: "100000.00", BRL: "100000.00" },
        createdTime: expect.any(String),
      },
    ]);
    expect(text).not.toContain(MERCHANT.appSecret);
  });

  it("adds a merchant with made-up credentials, shows the secret once, and the merchant can call at once", async () => {
    t = testGateway();
    const created = await t.control("POST", "/merchants", { balances: { INR: "10.00" } });
    expect(created.data).toMatchObject({ origin: "control", startingBalances: { INR: "10.00" } });
    expect(created.data.appSecret).toMatch(/^[0-9a-f]{48}$/);
    expect((await t.control("GET", `/merchants/${created.data.appId}`)).data.appSecret).toBeUndefined();
    const balance = await t.call(
      "/v2/balance/query",
      { currencies: ["INR"] },
      { appId: created.data.appId, appSecret: created.data.appSecret, unchecked: true },
    );
    expect(balance.data.balanceList[0].availableAmount).toBe("10.00");
  });

  it("never echoes a secret the caller chose, and refuses an appId that exists", async () => {
    t = testGateway();
    const created = await t.control("POST", "/merchants", { appId: "chosen-app", appSecret: "chosen-secret" });
    expect(created.data.appSecret).toBeUndefined();
    expect(created.text).not.toContain("chosen-secret");
    expect(await t.control("POST", "/merchants", { appId: "chosen-app" })).toMatchObject({
      status: 409,
      code: "Control.Common.Conflict",
    });
  });

  it("changes a merchant's restrictions, which authentication and URL checks then apply", async () => {
    t = testGateway();
    await t.control("POST", `/merchants/${MERCHANT.appId}`, { allowedHosts: ["shop.example"] });
    expect((await t.call("/v2/payment/create", paymentRequest())).code).toBe("Common.Illegal_Url");
    await t.control("POST", `/merchants/${MERCHANT.appId}`, { allowedHosts: null, operations: ["queryBalance"] });
    expect((await t.call("/v2/payment/create", paymentRequest())).code).toBe("Common.Auth.Auth_Failed");
    const disabled = await t.control("POST", `/merchants/${MERCHANT.appId}`, { disabled: true, operations: null });
    expect(disabled.data).toMatchObject({ disabled: true, operations: null, allowedHosts: null });
    expect((await t.call("/v2/balance/query", { currencies: [] })).code).toBe("Common.Auth.Invalid_AppId");
    expect(await t.control("POST", "/merchants/nobody", { disabled: true })).toMatchObject({ status: 404 });
    expect(await t.control("POST", `/merchants/${MERCHANT.appId}`, {})).toMatchObject({ status: 400 });
  });

  it("sets and reads balances", async () => {
    t = testGateway();
    const set = await t.control("POST", `/merchants/${MERCHANT.appId}/balances`, {
      balances: [
        { currency: "USD", availableAmount: "12.34" },
        { currency: "INR", availableAmount: "1.00", frozenAmount: "2.00" },
      ],
    });
    expect(set.data.balanceList).toEqual([
      { currency: "BRL", availableAmount: "100000.00", frozenAmount: "0.00" },
      { currency: "INR", availableAmount: "1.00", frozenAmount: "2.00" },
      { currency: "USD", availableAmount: "12.34", frozenAmount: "0.00" },
    ]);
    expect((await t.control("GET", `/merchants/${MERCHANT.appId}/balances`)).data).toEqual(set.data);
    expect(
      await t.control("POST", `/merchants/${MERCHANT.appId}/balances`, {
        balances: [{ currency: "INR", availableAmount: "1" }],
      }),
    ).toMatchObject({
      status: 400,
      errorMessage: "balances[0].availableAmount: must match ^\\d{1,15}\\.\\d{2}$",
    });
  });
});

describe("control API objects", () => {
  it("shows a payment with its checkout URL, expiry, scenario and refundable amount", async () => {
    t = testGateway();
    const created = await t.call("/v2/payment/create", paymentRequest({ amount: "4.04" }));
    const { data } = await t.control("GET", `/payments/${created.data.paymentNo}`);
    expect(data).toMatchObject({
      appId: MERCHANT.appId,
      checkoutUrl: created.data.action.url,
      expiresTime: "2026-11-27T11:20:44.123+08:00",
      scenario: "payment.declined_on_pay",
      refundedAmount: "0.00",
      refundableAmount: "0.00",
      payment: { paymentNo: created.data.paymentNo, status: "PENDING" },
    });
  });

  it("settles a payment and says where the payer's browser goes", async () => {
    t = testGateway();
    const created = await t.call(
      "/v2/payment/create",
      paymentRequest({ returnUrl: "https://merchant.example.com/return?lang=en#top" }),
    );
    const { data } = await t.control("POST", `/payments/${created.data.paymentNo}/outcome`, { status: "PAID" });
    expect(data.changed).toBe(true);
    expect(data.redirectUrl).toBe(
      `https://merchant.example.com/return?lang=en&merchantTradeNo=${created.data.merchantTradeNo}` +
        `&paymentNo=${created.data.paymentNo}&status=PAID&merchantAttach=%7B%22cartId%22%3A%22c-77%22%7D#top`,
    );
  });

  it("shows refunds and payouts, and 404 for unknown ones", async () => {
    t = testGateway({ refundDelayMs: null, payoutDelayMs: null });
    const payment = await t.call("/v2/payment/create", paymentRequest());
    await t.control("POST", `/payments/${payment.data.paymentNo}/outcome`, { status: "PAID" });
    const refund = await t.call("/v2/refund/create", refundRequest(payment.data.paymentNo));
    expect((await t.control("GET", `/refunds/${refund.data.refundNo}`)).data).toMatchObject({
      refund: refund.data,
      notifyUrl: "https://merchant.example.com/gateway/notify",
      failureReason: null,
    });
    const payout = await t.call("/v2/payout/create", payoutRequest({ amount: "6.06" }));
    expect((await t.control("GET", `/payouts/${payout.data.payoutNo}`)).data).toMatchObject({
      scenario: "payout.fails",
      payout: { status: "PENDING" },
    });
    const paid = await t.control("POST", `/payouts/${payout.data.payoutNo}/outcome`, { status: "PAID" });
    expect(paid.data.payout.status).toBe("PAID");
    for (const path of ["/refunds/RF0", "/payouts/PO0", "/payments/PAY0", "/notifications/NTF0"]) {
      expect((await t.control("GET", path)).status).toBe(404);
    }
  });

  it("lists notifications with their attempts, filters them, and re-sends one", async () => {
    const attempts: string[] = [];
    let answer = 500;
    t = testGateway({
      notifyFetch: (async (input: string | URL | Request) => {
        attempts.push(String(input instanceof Request ? input.url : input));
        return new Response(answer === 200 ? '{"code":"OK"}' : "busy", { status: answer });
      }) as typeof fetch,
    });
    const a = await t.call("/v2/payment/create", paymentRequest());
    const b = await t.call("/v2/payment/create", paymentRequest());
    await t.control("POST", `/payments/${a.data.paymentNo}/outcome`, { status: "PAID" });
    await t.control("POST", `/payments/${b.data.paymentNo}/outcome`, { status: "CLOSED" });
    await t.gateway.deliverNow();
    const all = await t.control("GET", "/notifications");
    expect(all.data.notifications).toHaveLength(2);
    const one = await t.control("GET", `/notifications?objectNo=${a.data.paymentNo}`);
    expect(one.data.notifications).toHaveLength(1);
    const [notification] = one.data.notifications;
    expect(notification).toMatchObject({
      status: "pending",
      attempts: 1,
      attemptLog: [{ attempt: 1, httpStatus: 500, outcome: "bad_status" }],
    });
    expect((await t.control("GET", "/notifications?status=delivered")).data.notifications).toEqual([]);
    expect((await t.control("GET", `/notifications?appId=${MERCHANT.appId}&limit=1`)).data.notifications).toHaveLength(
      1,
    );
    expect(await t.control("GET", "/notifications?status=sent")).toMatchObject({
      status: 400,
      errorMessage: "status: must be one of pending, delivered, failed",
    });
    expect(await t.control("GET", "/notifications?limit=0")).toMatchObject({ status: 400 });

    answer = 200;
    const resent = await t.control("POST", `/notifications/${notification.id}/resend`);
    expect(resent.data).toMatchObject({ status: "pending", attempts: 1 });
    await t.gateway.deliverNow();
    expect((await t.control("GET", `/notifications/${notification.id}`)).data).toMatchObject({
      status: "delivered",
      attempts: 2,
    });
    expect(await t.control("POST", "/notifications/NTF0/resend")).toMatchObject({ status: 404 });
  });

  it("sweeps due transitions on demand", async () => {
    t = testGateway({ paymentExpiryMs: 1000, payoutDelayMs: 1000 });
    await t.call("/v2/payment/create", paymentRequest());
    await t.call("/v2/payout/create", payoutRequest());
    t.clock.advance(1000);
    t.clock.advance(300_001);
    expect((await t.control("POST", "/sweep")).data).toEqual({ payments: 1, refunds: 0, payouts: 1, nonces: 2 });
  });

  it(
    "resets activity and balances, keeping merchants; " + "with all, drops added merchants and restores settings",
    async () => {
      t = testGateway();
      const created = await t.call("/v2/payment/create", paymentRequest());
      await t.control("POST", `/payments/${created.data.paymentNo}/outcome`, { status: "PAID" });
      const added = await t.control("POST", "/merchants", { appId: "added-merchant" });
      await t.control("POST", `/merchants/${MERCHANT.appId}`, { allowedHosts: ["shop.example"] });

      expect((await t.control("POST", "/reset")).data).toEqual({ merchants: 2 });
      expect((await t.call("/v2/payment/query", { paymentNo: created.data.paymentNo })).code).toBe(
        "Payment.Common.Not_Found",
      );
      expect((await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0].availableAmount).toBe(
        "100000.00",
      );
      expect((await t.control("GET", "/notifications")).data.notifications).toEqual([]);
      expect((await t.control("GET", `/merchants/${MERCHANT.appId}`)).data.allowedHosts).toEqual(["shop.example"]);

      expect((await t.control("POST", "/reset", { all: true })).data).toEqual({ merchants: 1 });
      expect((await t.control("GET", `/merchants/${added.data.appId}`)).status).toBe(404);
      expect((await t.control("GET", `/merchants/${MERCHANT.appId}`)).data.allowedHosts).toBeNull();
    },
  );
});
