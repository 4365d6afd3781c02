// GET /checkout/return: where the gateway sends the payer back. The redirect's parameters are not
// signed, so they only say which order to show; its status comes from payments.query.

import { isGatewayError } from "@gatekit/client";
import { confirmReturn, parseReturn, ReturnParamsError } from "@gatekit/webhooks";
import { Hono } from "hono";
import type { ShopDeps } from "../shop.js";
import { describeGatewayError, errorPage } from "../views/error.js";
import { returnPage } from "../views/return.js";

/** The return page. */
export function returnRoutes({ config, orders, gateway }: ShopDeps): Hono {
  return new Hono().get("/checkout/return", async (c) => {
    try {
      const params = parseReturn(c.req.url);
      const order = orders.order(params.merchantTradeNo);
      if (!order || order.paymentNo !== params.paymentNo) {
        return c.html(
          errorPage(
            "Order not found",
            "This shop has no order for that link.",
            "Your orders are listed on the orders page.",
          ),
          404,
        );
      }
      // payments.query({ paymentNo }), and a check that the payment is this order's.
      const payment = await confirmReturn(params, gateway);
      return c.html(returnPage(order, payment));
    } catch (error) {
      if (error instanceof ReturnParamsError) {
        return c.html(
          errorPage(
            "We could not read this link",
            error.message,
            "Your orders are listed on the orders page, with their status.",
          ),
          400,
        );
      }
      if (!isGatewayError(error)) throw error;
      const { message, hint } = describeGatewayError(error, config.gatewayBaseUrl);
      return c.html(errorPage("We could not check your payment", message, hint), 502);
    }
  });
}
