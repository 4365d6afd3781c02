// POST /orders/:merchantTradeNo/refunds: the Refund button. Checks the amount against what is
// still refundable (in minor units), records the refund, then asks the gateway for it.

import { isGatewayError } from "@gatekit/client";
import { isAmount, toMinorUnits } from "@gatekit/types";
import { Hono } from "hono";
import type { ShopDeps } from "../shop.js";
import { describeGatewayError, errorPage } from "../views/error.js";

const REFUND_NO = /^RFD-[0-9A-Z-]{1,46}$/;

/** The refund endpoint. */
export function refundRoutes({ config, orders, gateway, log }: ShopDeps): Hono {
  return new Hono().post("/orders/:merchantTradeNo/refunds", async (c) => {
    const order = orders.order(c.req.param("merchantTradeNo"));
    if (!order)
      return c.html(errorPage("Order not found", "This shop has no such order.", "Go back to the orders page."), 404);
    const form = await c.req.parseBody();
    const amount = String(form["amount"] ?? "").trim();
    const merchantRefundNo = String(form["merchantRefundNo"] ?? "");
    if (!REFUND_NO.test(merchantRefundNo))
      return c.html(
        errorPage("Refund not sent", "The form is missing its refund number.", "Reload the orders page and try again."),
        400,
      );
    // The same form sent twice: the refund exists already, and the gateway would return the same one.
    if (order.refunds.some((refund) => refund.merchantRefundNo === merchantRefundNo))
      return c.redirect("/orders#orders", 303);
    if (!isAmount(amount) || toMinorUnits(amount) === 0n || toMinorUnits(amount) > orders.refundableMinor(order)) {
      return c.html(
        errorPage(
          "Refund not sent",
          `${JSON.stringify(amount)} is not an amount between 0.01 and ${orders.refundable(order)} ${order.currency}.`,
          "Write it with two decimals, at most the refundable amount.",
        ),
        400,
      );
    }

    orders.startRefund(order, merchantRefundNo, amount);
    try {
      const refund = await gateway.refunds.create({
        merchantRefundNo,
        paymentNo: order.paymentNo!,
        amount,
        description: `Refund of order ${order.merchantTradeNo}`,
      });
      orders.refundCreated(refund);
      return c.redirect("/orders#orders", 303);
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      if (error.type === "GatewayError") orders.failRefund(merchantRefundNo, error.code ?? error.message);
      log(`refund/create ${merchantRefundNo} failed: ${error.type} ${error.code ?? ""} ${error.message}`);
      const { message, hint } = describeGatewayError(error, config.gatewayBaseUrl);
      return c.html(errorPage("The refund could not be created", message, hint), 502);
    }
  });
}
