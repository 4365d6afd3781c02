// The hosted checkout driven in headless Chromium: a payment created through the signed API, its
// action.url opened, Pay / Fail / Cancel clicked; the browser must land on the merchant's
// returnUrl with the right parameters, and a verified notification with the same status arrive.

import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@gatekit/testing";
import type { Browser, Page } from "playwright-core";
import { until } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Merchant, paymentBody, signedCall, startMerchant } from "../../test/shop.js";
import { type Listening, listen } from "../cli/serve.js";
import { type Gateway, createGateway } from "../gateway.js";
import { freshDb } from "../../test/index.js";

const screenshots = fileURLToPath(new URL("../../test-results/", import.meta.url));
const credentials = { appId: "shop_app", appSecret: "shop-secret-for-browser-tests" };

let browser: Browser;
let gateway: Gateway;
let server: Listening;
let shop: Merchant;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  shop = await startMerchant("ok");
  shop.credentials = credentials;
  gateway = createGateway({ db: freshDb(), merchants: [credentials], logger: false, docsPath: null });
  server = await listen({ fetch: (request, env) => gateway.fetch(request, env), port: 0, host: "127.0.0.1" });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close(1000);
  await gateway?.close();
  await shop?.close();
});

async function newPayment(tradeNo: string) {
  const created = await signedCall<{ paymentNo: string; action: { type: string; url: string } }>(
    `${server.origin}/pg/v2/payment/create`,
    paymentBody(
      tradeNo,
      { notifyUrl: shop.notifyUrl, returnUrl: `${shop.returnUrl}?lang=pt-BR` },
      {
        description: `Order <script>window.__injected = true</script> & "friends"`,
        merchantAttach: "cart=42&note=café ✓",
      },
    ),
    credentials,
  );
  expect(created.code).toBe("OK");
  expect(created.data.action.url.startsWith(`${server.origin}/checkout/`)).toBe(true);
  return created.data;
}

/** A page that records console errors (a CSP violation is one). */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

describe("the hosted checkout in Chromium", () => {
  it.each([
    { action: "pay", button: /^Pay 100\.05 INR$/, status: "PAID" },
    { action: "fail", button: /^Fail the payment$/, status: "FAILED" },
    { action: "cancel", button: /^Cancel$/, status: "CLOSED" },
  ])(
    "$action ends on the merchant's returnUrl with status $status and a verified notification",
    async ({ action, button, status }) => {
      const tradeNo = `WEB-${action}-${Date.now()}`;
      const payment = await newPayment(tradeNo);
      const { page, errors } = await openPage();
      try {
        await page.goto(payment.action.url);
        await expect.poll(() => page.title()).toContain("Pay 100.05 INR to shop_app");
        expect(await page.locator('[data-field="description"]').textContent()).toBe(
          `Order <script>window.__injected = true</script> & "friends"`,
        );
        expect(await page.locator('[data-field="merchantTradeNo"]').textContent()).toBe(tradeNo);
        expect(await page.locator('[data-field="payer"]').textContent()).toBe("Asha Verma");
        expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
        await page.screenshot({ path: `${screenshots}checkout-${action}-page.png`, fullPage: true });

        await page.getByRole("button", { name: button }).click();
        await page.waitForURL((url) => url.href.startsWith(shop.returnUrl));
        const landed = new URL(page.url());
        expect(Object.fromEntries(landed.searchParams)).toEqual({
          lang: "pt-BR",
          merchantTradeNo: tradeNo,
          paymentNo: payment.paymentNo,
          status,
          merchantAttach: "cart=42&note=café ✓",
        });
        expect(await page.locator("h1").textContent()).toBe("Back at the shop");
        await page.screenshot({ path: `${screenshots}checkout-${action}-returned.png` });
        expect(errors).toEqual([]);

        const received = await until(
          () =>
            shop.received.find(
              (entry) =>
                entry.notification?.kind === "payment" && entry.notification.data.paymentNo === payment.paymentNo,
            ),
          `the notification of ${payment.paymentNo}`,
        );
        expect(received.verified).toBe(true);
        expect(received.notification?.data).toMatchObject({
          paymentNo: payment.paymentNo,
          merchantTradeNo: tradeNo,
          status,
          merchantAttach: "cart=42&note=café ✓",
        });

        // Back to the link: the payment is finished, the page says so and leads back to the shop.
        await page.goto(payment.action.url);
        await expect.poll(() => page.locator('[data-field="status"]').textContent()).toBe(status);
        expect(await page.getByRole("button").count()).toBe(0);
        await page.getByRole("link", { name: /Return to shop_app/ }).click();
        await page.waitForURL((url) => url.href.startsWith(shop.returnUrl));
        expect(new URL(page.url()).searchParams.get("status")).toBe(status);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it("shows a not-found page for a link with a wrong token", async () => {
    const payment = await newPayment(`WEB-token-${Date.now()}`);
    const { page } = await openPage();
    try {
      const wrong = new URL(payment.action.url);
      wrong.searchParams.set("token", "not-the-token");
      const response = await page.goto(wrong.href);
      expect(response?.status()).toBe(404);
      expect(await page.locator("h1").textContent()).toBe("Payment not found");
    } finally {
      await page.close();
    }
  }, 60_000);
});
