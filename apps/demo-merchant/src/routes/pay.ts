// POST /pay: the Pay button. Records the order, asks the gateway for a payment, and sends the
// browser to the gateway's checkout page (action.url).

import { isGatewayError } from "@gatekit/client";
import type { Payer } from "@gatekit/types";
import { Hono } from "hono";
import { shopUrls } from "../config.js";
import { findProduct } from "../products.js";
import type { ShopDeps } from "../shop.js";
import { describeGatewayError, errorPage } from "../views/error.js";

// A real shop takes these from the signed-in customer; the gateway requires all four.
const DEMO_PAYER: Payer = {
  userId: "demo-customer-1",
  name: "Asha Verma",
  email: "asha.verma@example.com",
  phone: "+919812345678",
};

/** The Pay button's endpoint. */
export function payRoutes({ config, orders, gateway, log }: ShopDeps): Hono {
  const { notifyUrl, returnUrl } = shopUrls(config.publicUrl);
  return new Hono().post("/pay", async (c) => {
    const form = await c.req.parseBody();
    const product = findProduct(String(form["productId"] ?? ""));
    if (!product)
      return c.html(
        errorPage(
          "No such product",
          "That product is not in the catalogue.",
          "Go back to the products and choose one.",
        ),
        400,
      );

    // The order exists before the gateway hears of it: its merchantTradeNo is the idempotency key.
    const order = orders.createOrder(product);
    try {
      const payment = await gateway.payments.create({
        merchantTradeNo: order.merchantTradeNo,
        amount: order.amount,
        currency: order.currency,
        description: order.description,
        payer: DEMO_PAYER,
        payMethod: { type: "UPI" },
        notifyUrl,
        returnUrl,
      });
      orders.attachPayment(order.merchantTradeNo, payment.paymentNo);
      return c.redirect(payment.action.url, 303);
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      // A refusal means no payment exists; any other failure leaves the outcome unknown, so the
      // order stays PENDING and a notification (or payments.query) settles it.
      if (error.type === "GatewayError") orders.failOrder(order.merchantTradeNo, error.code ?? error.message);
      log(`payment/create for ${order.merchantTradeNo} failed: ${error.type} ${error.code ?? ""} ${error.message}`);
      const { message, hint } = describeGatewayError(error, config.gatewayBaseUrl);
      return c.html(errorPage("The payment could not be started", message, hint), 502);
    }
  });
}
