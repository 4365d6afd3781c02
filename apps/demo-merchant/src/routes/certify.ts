// The two endpoints `gatekit-gateway certify` needs to judge the shop by its orders, not only by
// its answers: POST /certify/orders makes a fresh PENDING order with its payment at the gateway,
// as the Pay button does, and GET /certify/orders/:merchantTradeNo says what the shop recorded.
// They exist only while the shop talks to a gateway on this machine (the reference gateway of
// `npm start` and the tests): against any other gateway they answer 404 like any unknown page.

import { isGatewayError } from "@gatekit/client";
import type { Payer } from "@gatekit/types";
import { Hono } from "hono";
import type { ShopDeps } from "../shop.js";
import { shopUrls } from "../config.js";
import { PRODUCTS } from "../products.js";

const CERTIFY_PAYER: Payer = {
  userId: "certify",
  name: "Certify Payer",
  email: "certify@example.com",
  phone: "+919800000000",
};

/** The certify endpoints, when the gateway is on loopback. */
export function certifyRoutes({ config, orders, gateway }: ShopDeps): Hono {
  const app = new Hono();
  if (!onLoopback(config.gatewayBaseUrl)) return app;
  const { notifyUrl, returnUrl } = shopUrls(config.publicUrl);

  app.post("/certify/orders", async (c) => {
    const order = orders.createOrder(PRODUCTS[0]!);
    try {
      const payment = await gateway.payments.create({
        merchantTradeNo: order.merchantTradeNo,
        amount: order.amount,
        currency: order.currency,
        description: order.description,
        payer: CERTIFY_PAYER,
        payMethod: { type: "UPI" },
        notifyUrl,
        returnUrl,
      });
      orders.attachPayment(order.merchantTradeNo, payment.paymentNo);
      return c.json({ merchantTradeNo: order.merchantTradeNo, paymentNo: payment.paymentNo });
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      if (error.type === "GatewayError") orders.failOrder(order.merchantTradeNo, error.code ?? error.message);
      return c.json({ error: `payment/create failed: ${error.message}` }, 502);
    }
  });

  // `processed` counts the notifications that changed the order: what processing once is judged by.
  app.get("/certify/orders/:merchantTradeNo", (c) => {
    const order = orders.order(c.req.param("merchantTradeNo"));
    if (!order) return c.json({ error: "no such order" }, 404);
    const processed = orders
      .processedNotifications(Number.MAX_SAFE_INTEGER)
      .filter(
        (entry) =>
          entry.kind === "payment" && entry.objectNo === order.paymentNo && entry.outcome.startsWith("applied"),
      ).length;
    return c.json({
      merchantTradeNo: order.merchantTradeNo,
      paymentNo: order.paymentNo,
      status: order.status,
      processed,
    });
  });
  return app;
}

function onLoopback(baseUrl: string): boolean {
  const { hostname } = new URL(baseUrl);
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
