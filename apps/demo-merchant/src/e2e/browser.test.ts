// The shop end to end, as a payer and a merchant use it: the built gateway CLI and the built shop
// run as real processes, and headless Chromium clicks through the product page, the gateway's
// checkout, the return page and the orders page. Every status the shop shows is the one the
// gateway's verified notification brought. Screenshots of each page go to test-results/.

import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium, until } from "@gatekit/testing";
import { fromMinorUnits, toMinorUnits } from "@gatekit/types";
import { signNotification } from "@gatekit/webhooks";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Demo, startDemo } from "./processes.js";

const screenshots = fileURLToPath(new URL("../../test-results/", import.meta.url));

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  demo = await startDemo();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** A fresh page that records console errors (a CSP violation is one) and page errors. */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });
}

/** From the product page to the gateway's checkout for `productId`; the ids the checkout shows. */
async function toCheckout(page: Page, productId: string): Promise<{ merchantTradeNo: string; paymentNo: string }> {
  await page.goto(`${demo.shopOrigin}/`);
  await page.locator(`[data-product="${productId}"]`).getByRole("button").click();
  await page.waitForURL((url) => url.href.startsWith(`${demo.gatewayOrigin}/checkout/`));
  const merchantTradeNo = (await page.locator('[data-field="merchantTradeNo"]').textContent())!;
  const paymentNo = (await page.locator('[data-field="paymentNo"]').textContent())!;
  expect(merchantTradeNo).toMatch(/^ORD-/);
  return { merchantTradeNo, paymentNo };
}

/** Clicks `button` on the checkout page and waits for the shop's return page. */
async function finishCheckout(page: Page, button: RegExp): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL((url) => url.href.startsWith(`${demo.shopOrigin}/checkout/return?`));
}

/** The orders page as HTML. */
async function ordersHtml(): Promise<string> {
  const response = await fetch(`${demo.shopOrigin}/orders`);
  expect(response.status).toBe(200);
  return response.text();
}

/**
 * The orders page's row of one order, without the refund form's idempotency key (a fresh one on
 * every page view), so that two views of an unchanged order are equal.
 */
async function orderRow(merchantTradeNo: string): Promise<string> {
  const row = new RegExp(`<tr data-order="${merchantTradeNo}">[\\s\\S]*?</tr>`).exec(await ordersHtml())?.[0];
  if (!row) throw new Error(`The orders page has no row for ${merchantTradeNo}.`);
  return row.replace(/name="merchantRefundNo" value="[^"]*"/, 'name="merchantRefundNo" value=""');
}

async function orderStatus(merchantTradeNo: string): Promise<string | undefined> {
  return /data-field="order-status">([A-Z]+)</.exec(await orderRow(merchantTradeNo))?.[1];
}

/** The gateway's record of the notifications about one object (its control API). */
async function notificationsAbout(objectNo: string): Promise<Array<{ id: string; status: string; attempts: number }>> {
  const response = await fetch(`${demo.gatewayOrigin}/__gateway/notifications?objectNo=${objectNo}`);
  return (
    (await response.json()) as { data: { notifications: Array<{ id: string; status: string; attempts: number }> } }
  ).data.notifications;
}

/** Pays for `productId` through the checkout and waits until the shop has recorded it PAID. */
async function paidOrder(page: Page, productId: string): Promise<{ merchantTradeNo: string; paymentNo: string }> {
  const ids = await toCheckout(page, productId);
  await finishCheckout(page, /^Pay \d+\.\d\d INR$/);
  await until(
    async () => (await orderStatus(ids.merchantTradeNo)) === "PAID",
    `order ${ids.merchantTradeNo} to be PAID`,
  );
  return ids;
}

describe("the demo shop in Chromium, against the reference gateway", () => {
  it(
    "pay: product → checkout → pay → the return page says " + "PAID, and the verified notification made the order PAID",
    async () => {
      const { page, errors } = await openPage();
      await page.goto(`${demo.shopOrigin}/`);
      expect(await page.locator("h1").textContent()).toBe("Products");
      await shot(page, "01-products");

      await page.locator('[data-product="notebook"]').getByRole("button", { name: "Pay 120.00 INR" }).click();
      await page.waitForURL((url) => url.href.startsWith(`${demo.gatewayOrigin}/checkout/`));
      expect(await page.title()).toContain("Pay 120.00 INR to demo-shop");
      const merchantTradeNo = (await page.locator('[data-field="merchantTradeNo"]').textContent())!;
      const paymentNo = (await page.locator('[data-field="paymentNo"]').textContent())!;
      expect(await page.locator('[data-field="payer"]').textContent()).toBe("Asha Verma");
      await shot(page, "02-checkout");

      await finishCheckout(page, /^Pay 120\.00 INR$/);
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
        merchantTradeNo,
        paymentNo,
        status: "PAID",
      });
      expect(await page.locator('[data-field="headline"]').textContent()).toBe("Thank you: your payment went through");
      expect(await page.locator('[data-field="gateway-status"]').textContent()).toBe("PAID");
      await shot(page, "03-return-paid");

      // The order is PAID because the notification arrived, verified and was applied; the gateway
      // records it as delivered, which means the shop acknowledged it.
      await until(async () => (await orderStatus(merchantTradeNo)) === "PAID", `order ${merchantTradeNo} to be PAID`);
      expect(demo.shop.output()).toContain(`notification payment: applied (order ${merchantTradeNo} is PAID)`);
      const [notification] = await until(async () => {
        const list = await notificationsAbout(paymentNo);
        return list.length === 1 && list[0]!.status === "delivered" ? list : undefined;
      }, `the gateway to record the notification of ${paymentNo} as delivered`);
      expect(notification!.attempts).toBe(1);

      await page.reload();
      expect(await page.locator('[data-field="order-status"]').textContent()).toBe("PAID");
      await shot(page, "04-return-paid-recorded");
      await page.goto(`${demo.shopOrigin}/orders`);
      expect(await page.locator(`[data-order="${merchantTradeNo}"] [data-field="order-status"]`).textContent()).toBe(
        "PAID",
      );
      await shot(page, "05-orders-paid");
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it.each([
    { path: "fail", productId: "pen", button: /^Fail the payment$/, status: "FAILED", headline: "Your payment failed" },
    { path: "cancel", productId: "tea", button: /^Cancel$/, status: "CLOSED", headline: "Your payment was cancelled" },
  ])(
    "$path: the return page says $status, and so does the order once notified",
    async ({ path, productId, button, status, headline }) => {
      const { page, errors } = await openPage();
      const { merchantTradeNo, paymentNo } = await toCheckout(page, productId);
      await finishCheckout(page, button);
      expect(new URL(page.url()).searchParams.get("status")).toBe(status);
      expect(await page.locator('[data-field="headline"]').textContent()).toBe(headline);
      expect(await page.locator('[data-field="gateway-status"]').textContent()).toBe(status);
      await shot(page, `06-return-${path}`);

      await until(
        async () => (await orderStatus(merchantTradeNo)) === status,
        `order ${merchantTradeNo} to be ${status}`,
      );
      expect(demo.shop.output()).toContain(`notification payment: applied (order ${merchantTradeNo} is ${status})`);
      // A payment that did not go through cannot be refunded.
      expect(await orderRow(merchantTradeNo)).not.toContain("<form");
      expect(await notificationsAbout(paymentNo)).toEqual([expect.objectContaining({ status: "delivered" })]);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it("refund: the orders page's Refund button refunds part of a paid order, PENDING and then REFUNDED", async () => {
    const { page, errors } = await openPage();
    const { merchantTradeNo } = await paidOrder(page, "notebook");
    await page.goto(`${demo.shopOrigin}/orders`);
    const row = page.locator(`[data-order="${merchantTradeNo}"]`);
    expect(await row.getByLabel("Amount").inputValue()).toBe("120.00");
    await row.getByLabel("Amount").fill("20.00");
    await row.getByRole("button", { name: "Refund" }).click();
    await page.waitForURL(`${demo.shopOrigin}/orders#orders`);
    const refundStatus = page.locator(`[data-order="${merchantTradeNo}"] [data-field="refund-status"]`);
    expect(["PENDING", "REFUNDED"]).toContain(await refundStatus.textContent());
    await shot(page, "07-orders-refund-requested");

    // The gateway completes refunds after a second, and says so with a notification.
    await until(async () => {
      await page.reload();
      return (await refundStatus.textContent()) === "REFUNDED";
    }, `the refund of ${merchantTradeNo} to be REFUNDED`);
    expect(await row.getByLabel("Amount").inputValue()).toBe("100.00");
    expect(demo.shop.output()).toMatch(/notification refund: applied \(refund RFD-\S+ is REFUNDED\)/);
    await shot(page, "08-orders-refunded");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("payout: the payout form sends one, PENDING and then PAID, and the balance drops by amount and fee", async () => {
    const { page, errors } = await openPage();
    await page.goto(`${demo.shopOrigin}/orders`);
    const available = async () => (await page.locator('[data-field="available"]').textContent())!.replace(" INR", "");
    const before = await available();

    const payouts = page.locator("#payouts");
    await payouts.getByLabel("Amount (INR)").fill("250.00");
    await payouts.getByLabel("Payee name").fill("Ravi Kumar");
    await payouts.getByLabel("UPI address").fill("ravi.kumar@okbank");
    await payouts.getByRole("button", { name: "Send payout" }).click();
    await page.waitForURL(`${demo.shopOrigin}/orders#payouts`);
    const payoutRow = page.locator("[data-payout]").first();
    expect(["PENDING", "PAID"]).toContain(await payoutRow.locator('[data-field="payout-status"]').textContent());
    await shot(page, "09-orders-payout-sent");

    await until(async () => {
      await page.reload();
      return (await payoutRow.locator('[data-field="payout-status"]').textContent()) === "PAID";
    }, "the payout to be PAID");
    // The gateway's fee is 1 %: 2.50 on 250.00, both debited once the payout is paid.
    expect(await payoutRow.textContent()).toContain("2.50 INR");
    expect(await available()).toBe(fromMinorUnits(toMinorUnits(before) - toMinorUnits("252.50")));
    expect(await page.locator('[data-field="frozen"]').textContent()).toBe("0.00 INR");
    await shot(page, "10-orders-payout-paid");
    expect(errors).toEqual([]);
    await page.close();
  });

  it(
    "a forged notification (bad signature) is refused with 401 " +
      "and changes nothing; the real payment still goes through",
    async () => {
      const { page } = await openPage();
      const { merchantTradeNo, paymentNo } = await toCheckout(page, "notebook");
      await shot(page, "11-checkout-before-forgery");
      const rowBefore = await orderRow(merchantTradeNo);
      expect(rowBefore).toContain('data-field="order-status">PENDING<');

      const forged = await signNotification({
        notifyUrl: `${demo.shopOrigin}/gateway/notify`,
        appId: demo.credentials.appId,
        appSecret: "a-guessed-secret",
        data: {
          paymentNo,
          merchantTradeNo,
          amount: "120.00",
          currency: "INR",
          status: "PAID",
          refundStatus: "NONE",
          createdTime: "2026-11-27T10:50:44.123+08:00",
          paidTime: "2026-11-27T10:52:03+08:00",
        },
      });
      const response = await fetch(`${demo.shopOrigin}/gateway/notify`, {
        method: "POST",
        headers: forged.headers,
        body: forged.body,
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ reason: "bad_signature" });
      expect(await orderRow(merchantTradeNo)).toBe(rowBefore);
      expect(await ordersHtml()).not.toContain(`<td class="mono">${paymentNo}</td>`);
      expect(demo.shop.output()).toMatch(/refused a notification with HTTP 401 \(bad_signature\)/);
      expect(demo.shop.output()).not.toContain(demo.credentials.appSecret);

      await finishCheckout(page, /^Pay 120\.00 INR$/);
      await until(async () => (await orderStatus(merchantTradeNo)) === "PAID", `order ${merchantTradeNo} to be PAID`);
      await page.close();
    },
  );

  it("a notification the gateway sends again is acknowledged and changes nothing", async () => {
    const { page } = await openPage();
    const { merchantTradeNo, paymentNo } = await paidOrder(page, "tea");
    const [first] = await until(async () => {
      const list = await notificationsAbout(paymentNo);
      return list[0]?.status === "delivered" ? list : undefined;
    }, `the notification of ${paymentNo} to be delivered`);
    const rowBefore = await orderRow(merchantTradeNo);

    const resend = await fetch(`${demo.gatewayOrigin}/__gateway/notifications/${first!.id}/resend`, { method: "POST" });
    expect(resend.status).toBe(200);
    await until(async () => {
      const [again] = await notificationsAbout(paymentNo);
      return again!.attempts === first!.attempts + 1 && again!.status === "delivered";
    }, "the re-sent notification to be delivered");
    expect(demo.shop.output()).toContain(
      `notification payment: duplicate (payment ${paymentNo} PAID was processed before)`,
    );
    expect(await orderRow(merchantTradeNo)).toBe(rowBefore);
    await page.close();
  });
});
