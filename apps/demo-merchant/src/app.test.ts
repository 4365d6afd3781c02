// The shop in-process, with a stand-in gateway client: the notify endpoint (verified, idempotent,
// replays and forgeries refused without a change), the form-origin check, escaping, security
// headers and the pages' error paths. The browser tests run the same code against the real gateway.

import { ConnectionError, type GatewayClient } from "@gatekit/client";
import type { PaymentCreateData, PaymentCreateRequest } from "@gatekit/types";
import { signNotification } from "@gatekit/webhooks";
import type { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createShopApp } from "./app.js";
import { shopUrls } from "./config.js";
import { OrderStore } from "./orders.js";

const SHOP = "http://shop.test";
const credentials = { appId: "demo-shop", appSecret: "the-shop-secret-0123456789" };
const { notifyUrl } = shopUrls(SHOP);

let orders: OrderStore;
let app: Hono;
let created: PaymentCreateRequest[];
let lines: string[];

/** Only what these tests call; anything else fails loudly. */
function fakeGateway(): GatewayClient {
  const fail = () =>
    Promise.reject(new ConnectionError("The gateway could not be reached.", { url: "http://gateway.test/pg" }));
  return {
    payments: {
      create: async (body: PaymentCreateRequest): Promise<PaymentCreateData> => {
        created.push(body);
        return {
          paymentNo: `PAY${created.length}`,
          merchantTradeNo: body.merchantTradeNo,
          amount: body.amount,
          currency: body.currency,
          status: "PENDING",
          action: { type: "REDIRECT", url: `http://gateway.test/checkout/PAY${created.length}?token=t` },
          createdTime: "2026-11-27T10:50:44.123+08:00",
        };
      },
      query: fail,
    },
    refunds: { create: fail },
    payouts: { create: fail, query: fail },
    balance: { query: fail },
    raw: undefined as never,
  };
}

beforeEach(() => {
  orders = new OrderStore(":memory:");
  created = [];
  lines = [];
  app = createShopApp({
    config: { gatewayBaseUrl: "http://gateway.test/pg", ...credentials, publicUrl: SHOP, port: 0, dbPath: ":memory:" },
    orders,
    gateway: fakeGateway(),
    log: (line) => lines.push(line),
  });
});
afterEach(() => orders.close());

async function pay(productId = "notebook"): Promise<Response> {
  return app.request(`${SHOP}/pay`, {
    method: "POST",
    headers: { origin: SHOP, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ productId }).toString(),
  });
}

async function pendingOrder() {
  const response = await pay();
  expect(response.status).toBe(303);
  return orders.orders()[0]!;
}

function paidData(order: { merchantTradeNo: string; paymentNo: string | null }) {
  return {
    paymentNo: order.paymentNo!,
    merchantTradeNo: order.merchantTradeNo,
    amount: "120.00",
    currency: "INR",
    status: "PAID" as const,
    refundStatus: "NONE" as const,
    createdTime: "2026-11-27T10:50:44.123+08:00",
    paidTime: "2026-11-27T10:52:03+08:00",
  };
}

async function post(signed: { body: string; headers: Readonly<Record<string, string>> }): Promise<Response> {
  return app.request(`${SHOP}/gateway/notify`, { method: "POST", headers: signed.headers, body: signed.body });
}

describe("POST /pay", () => {
  it("records the order, creates the payment with the shop's URLs, and sends the browser to action.url", async () => {
    const response = await pay("pen");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://gateway.test/checkout/PAY1?token=t");
    expect(created).toEqual([
      expect.objectContaining({
        amount: "450.50",
        currency: "INR",
        description: "Fountain pen",
        notifyUrl,
        returnUrl: `${SHOP}/checkout/return`,
        payMethod: { type: "UPI" },
      }),
    ]);
    expect(orders.orders()).toEqual([
      expect.objectContaining({ merchantTradeNo: created[0]!.merchantTradeNo, paymentNo: "PAY1", status: "PENDING" }),
    ]);
  });

  it("refuses a form posted from another site, creating nothing", async () => {
    const response = await app.request(`${SHOP}/pay`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "productId=notebook",
    });
    expect(response.status).toBe(403);
    expect(created).toEqual([]);
    expect(orders.orders()).toEqual([]);
  });
});

describe("POST /gateway/notify", () => {
  it("applies a verified notification and acknowledges it; a repeat is acknowledged and changes nothing", async () => {
    const order = await pendingOrder();
    const first = await post(await signNotification({ notifyUrl, ...credentials, data: paidData(order) }));
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('{"code":"OK"}');
    const paid = orders.order(order.merchantTradeNo)!;
    expect(paid.status).toBe("PAID");

    // A retry: the same content, freshly signed.
    const again = await post(await signNotification({ notifyUrl, ...credentials, data: paidData(order) }));
    expect(again.status).toBe(200);
    expect(orders.order(order.merchantTradeNo)).toEqual(paid);
    expect(lines).toContainEqual(expect.stringMatching(/notification payment: duplicate/));
  });

  it("refuses a replayed delivery (the same nonce) with 401", async () => {
    const order = await pendingOrder();
    const signed = await signNotification({ notifyUrl, ...credentials, data: paidData(order) });
    expect((await post(signed)).status).toBe(200);
    const replay = await post(signed);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ reason: "replayed_nonce" });
  });

  it.each([
    ["a wrong secret", { appSecret: "not-the-secret" }],
    ["another appId", { appId: "someone-else" }],
    ["the URL the shop sees instead of the notifyUrl it sent", { notifyUrl: "http://localhost:3000/gateway/notify" }],
  ])("refuses a notification signed with %s with 401, and changes nothing", async (_, change) => {
    const order = await pendingOrder();
    const forged = await signNotification({ notifyUrl, ...credentials, ...change, data: paidData(order) });
    const response = await post(forged);
    expect(response.status).toBe(401);
    expect(orders.order(order.merchantTradeNo)).toEqual(order);
    expect(orders.processedNotifications()).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(/^refused a notification with HTTP 401/));
    expect(lines.join("\n")).not.toContain(credentials.appSecret);
  });

  it("refuses a body that was altered after signing", async () => {
    const order = await pendingOrder();
    const signed = await signNotification({
      notifyUrl,
      ...credentials,
      data: { ...paidData(order), status: "FAILED" },
    });
    const response = await post({ ...signed, body: signed.body.replace('"FAILED"', '"PAID"') });
    expect(response.status).toBe(401);
    expect(orders.order(order.merchantTradeNo)?.status).toBe("PENDING");
  });
});

describe("pages", () => {
  it("carry a CSP that allows no script and forms only to the shop and the gateway", async () => {
    const response = await app.request(`${SHOP}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy");
    const directives = [
      "default-src 'none'",
      "style-src 'sha256-[A-Za-z0-9+/=]+'",
      "img-src data:",
      "form-action 'self' http://gateway\\.test",
    ];
    expect(csp).toMatch(new RegExp(`^${directives.join("; ")};`));
    const page = await response.text();
    expect(page).not.toMatch(/<script|<link|src=/);
    expect(page).toContain("Pay 120.00 INR");
  });

  it("escape what they show", async () => {
    const response = await app.request(`${SHOP}/%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).not.toContain("<script>");
    expect(page).toContain("&lt;script&gt;");
  });

  it("answer a return link with missing parameters with a page that says so", async () => {
    const response = await app.request(`${SHOP}/checkout/return?merchantTradeNo=ORD-1`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("paymentNo");
  });

  it("answer a return link for an order the shop does not have with 404, without asking the gateway", async () => {
    const response = await app.request(`${SHOP}/checkout/return?merchantTradeNo=ORD-1&paymentNo=PAY9&status=PAID`);
    expect(response.status).toBe(404);
  });

  it("show the orders page without the balance when the gateway cannot be reached, saying why", async () => {
    await pendingOrder();
    const response = await app.request(`${SHOP}/orders`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/data-field="balance-error">The gateway could not be reached at http:\/\/gateway\.test\/pg\./);
    expect(page).toContain('data-field="order-status">PENDING<');
    expect(page).not.toContain(credentials.appSecret);
  });

  it("refuse a refund above the refundable amount without calling the gateway", async () => {
    const order = await pendingOrder();
    await post(await signNotification({ notifyUrl, ...credentials, data: paidData(order) }));
    const response = await app.request(`${SHOP}/orders/${order.merchantTradeNo}/refunds`, {
      method: "POST",
      headers: { origin: SHOP, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ merchantRefundNo: "RFD-TEST-1", amount: "120.01" }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("between 0.01 and 120.00 INR");
    expect(orders.order(order.merchantTradeNo)?.refunds).toEqual([]);
  });
});
