// POST /payouts: the payout form. Records the payout, then asks the gateway to send it; the
// gateway freezes amount + fee until the payout ends, which the balance on the orders page shows.

import { isGatewayError } from "@gatekit/client";
import { isAmount, toMinorUnits } from "@gatekit/types";
import { Hono } from "hono";
import { shopUrls } from "../config.js";
import { SHOP_CURRENCY, type ShopDeps } from "../shop.js";
import { describeGatewayError, errorPage } from "../views/error.js";

const PAYOUT_NO = /^PO-[0-9A-Z-]{1,47}$/;
const VPA = /^[\w.-]{2,64}@[\w.-]{2,63}$/;

/** The payout endpoint. */
export function payoutRoutes({ config, orders, gateway, log }: ShopDeps): Hono {
  const { notifyUrl } = shopUrls(config.publicUrl);
  return new Hono().post("/payouts", async (c) => {
    const form = await c.req.parseBody();
    const merchantTradeNo = String(form["merchantTradeNo"] ?? "");
    const amount = String(form["amount"] ?? "").trim();
    const payeeName = String(form["payeeName"] ?? "").trim();
    const vpa = String(form["vpa"] ?? "").trim();
    if (!PAYOUT_NO.test(merchantTradeNo))
      return c.html(
        errorPage("Payout not sent", "The form is missing its payout number.", "Reload the orders page and try again."),
        400,
      );
    // The same form sent twice: the payout exists already.
    if (orders.payout(merchantTradeNo)) return c.redirect("/orders#payouts", 303);
    if (!isAmount(amount) || toMinorUnits(amount) === 0n) {
      return c.html(
        errorPage(
          "Payout not sent",
          `${JSON.stringify(amount)} is not an amount.`,
          "Write it with two decimals, such as 250.00.",
        ),
        400,
      );
    }
    if (payeeName === "" || payeeName.length > 80 || !VPA.test(vpa)) {
      return c.html(
        errorPage(
          "Payout not sent",
          "The payee needs a name (up to 80 characters) and a UPI address such as name@bank.",
          "Correct the form and send it again.",
        ),
        400,
      );
    }

    orders.startPayout({ merchantTradeNo, amount, currency: SHOP_CURRENCY, payeeName, vpa });
    try {
      const payout = await gateway.payouts.create({
        merchantTradeNo,
        amount,
        currency: SHOP_CURRENCY,
        description: `Payout to ${payeeName}`.slice(0, 80),
        payoutMethod: { type: "UPI", vpa, payeeName },
        notifyUrl,
      });
      orders.payoutCreated(payout);
      return c.redirect("/orders#payouts", 303);
    } catch (error) {
      if (!isGatewayError(error)) throw error;
      if (error.type === "GatewayError") orders.failPayout(merchantTradeNo, error.code ?? error.message);
      log(`payout/create ${merchantTradeNo} failed: ${error.type} ${error.code ?? ""} ${error.message}`);
      const { message, hint } = describeGatewayError(error, config.gatewayBaseUrl);
      return c.html(errorPage("The payout could not be created", message, hint), 502);
    }
  });
}
