// GET /orders: the back office page, with the balance read from the gateway.

import { isGatewayError } from "@gatekit/client";
import type { Balance } from "@gatekit/types";
import { Hono } from "hono";
import { newId } from "../ids.js";
import { SHOP_CURRENCY, type ShopDeps } from "../shop.js";
import { describeGatewayError } from "../views/error.js";
import { ordersPage } from "../views/orders.js";

/** The orders page. */
export function ordersRoutes({ config, orders, gateway }: ShopDeps): Hono {
  return new Hono().get("/orders", async (c) => {
    const list = orders.orders();
    return c.html(
      ordersPage({
        orders: list,
        refundable: new Map(list.map((order) => [order.merchantTradeNo, orders.refundable(order)])),
        payouts: orders.payouts(),
        balance: await readBalance(),
        notifications: orders.processedNotifications(),
        newRefundNo: () => newId("RFD"),
        newPayoutNo: newId("PO"),
      }),
    );
  });

  async function readBalance(): Promise<Balance | { error: string }> {
    try {
      const { balanceList } = await gateway.balance.query({ currencies: [SHOP_CURRENCY] });
      const balance = balanceList.find((entry) => entry.currency === SHOP_CURRENCY);
      return balance ?? { error: `The gateway holds no ${SHOP_CURRENCY} balance for this merchant.` };
    } catch (error) {
      // The page is still useful without the balance: show why it is missing instead of failing.
      if (!isGatewayError(error)) throw error;
      const { message, hint } = describeGatewayError(error, config.gatewayBaseUrl);
      return { error: `${message} ${hint}` };
    }
  }
}
