import { afterEach, describe, expect, it } from "vitest";
import type { PaymentRecord } from "../storage/payments.js";
import { paymentRequest, type TestGateway, testGateway } from "../../test/index.js";
import { loadCheckoutPayment, returnRedirect, settlePayment } from "./checkout.js";
import type { DomainContext } from "./context.js";

let t: TestGateway;
afterEach(() => t?.close());

function context(): DomainContext {
  const { paymentExpiryMs, refundDelayMs, payoutDelayMs, scenarioDelayMs } = t.gateway.options;
  return { now: t.clock.now(), settings: { paymentExpiryMs, refundDelayMs, payoutDelayMs, scenarioDelayMs } };
}

const record = (returnUrl: string, merchantAttach: string | null = null) =>
  ({ merchantTradeNo: "ORD 1/é", paymentNo: "PAY1", status: "PAID", merchantAttach, returnUrl }) as PaymentRecord;

describe("the return redirect", () => {
  it.each([
    [
      "https://m.example/return",
      "https://m.example/return?merchantTradeNo=ORD%201%2F%C3%A9&paymentNo=PAY1&status=PAID",
    ],
    [
      "https://m.example/return?lang=en",
      "https://m.example/return?lang=en&merchantTradeNo=ORD%201%2F%C3%A9&paymentNo=PAY1&status=PAID",
    ],
    [
      "https://m.example/return?",
      "https://m.example/return?merchantTradeNo=ORD%201%2F%C3%A9&paymentNo=PAY1&status=PAID",
    ],
    [
      "https://m.example/r?a=%7e#done",
      "https://m.example/r?a=%7e&merchantTradeNo=ORD%201%2F%C3%A9&paymentNo=PAY1&status=PAID#done",
    ],
  ])("appends the parameters to %s, keeping the merchant's own query and fragment", (returnUrl, url) => {
    expect(returnRedirect(record(returnUrl)).url).toBe(url);
  });

  it("adds merchantAttach only when it was set", () => {
    const redirect = returnRedirect(record("https://m.example/r", '{"cart":"c 1"}'));
    expect(redirect.params).toEqual({
      merchantTradeNo: "ORD 1/é",
      paymentNo: "PAY1",
      status: "PAID",
      merchantAttach: '{"cart":"c 1"}',
    });
    expect(redirect.url).toMatch(/&merchantAttach=%7B%22cart%22%3A%22c%201%22%7D$/);
  });
});

describe("the checkout page's domain functions", () => {
  it("load a payment only with its token, and show an expired one as CLOSED", async () => {
    t = testGateway({ paymentExpiryMs: 1000 });
    const { data } = await t.call("/v2/payment/create", paymentRequest());
    const token = data.action.url.split("token=")[1];
    const load = (tok: string) =>
      t.gateway.store.transaction((tx) =>
        loadCheckoutPayment(tx, context(), { paymentNo: data.paymentNo, token: tok }),
      );
    expect(await load(token)).toMatchObject({
      paymentNo: data.paymentNo,
      amount: "100.05",
      currency: "INR",
      payerName: "Asha Verma",
      payerEmail: "asha.verma@example.com",
      payMethodType: "UPI",
      status: "PENDING",
      expiresTime: "2026-11-27T10:50:45.123+08:00",
      scenario: null,
    });
    // Change the last character to a different one: a fixed replacement would equal it one time in sixteen.
    const tampered = token.slice(0, -1) + (token.endsWith("0") ? "1" : "0");
    expect(tampered).not.toBe(token);
    expect(await load(tampered)).toBeNull();
    expect(await load("short")).toBeNull();
    expect(
      await t.gateway.store.transaction((tx) => loadCheckoutPayment(tx, context(), { paymentNo: "PAY0", token })),
    ).toBeNull();
    t.clock.advance(1000);
    expect((await load(token))!.status).toBe("CLOSED");
  });

  it("settle for the payer, with the token checked, and report a second click as unchanged", async () => {
    t = testGateway();
    const { data } = await t.call("/v2/payment/create", paymentRequest());
    const token = data.action.url.split("token=")[1];
    const settle = (status: "PAID" | "CLOSED", tok = token) =>
      t.gateway.store.transaction((tx) =>
        settlePayment(tx, context(), { paymentNo: data.paymentNo, status, actor: "payer", token: tok }),
      );
    await expect(settle("PAID", "wrong")).rejects.toMatchObject({ code: "Payment.Common.Not_Found" });
    const first = await settle("PAID");
    expect(first).toMatchObject({
      changed: true,
      payment: { status: "PAID" },
      redirect: { params: { status: "PAID" } },
    });
    const second = await settle("CLOSED");
    expect(second).toMatchObject({ changed: false, payment: { status: "PAID" } });
  });
});
