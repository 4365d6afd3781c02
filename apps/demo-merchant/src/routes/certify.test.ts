// The certify endpoints exist only while the shop talks to a gateway on its own machine: against
// any other gateway they are pages that do not exist. (certify.test.ts runs the whole certify
// suite through them against the real gateway.)

import { ConnectionError, type GatewayClient } from "@gatekit/client";
import { afterEach, describe, expect, it } from "vitest";
import { createShopApp } from "../app.js";
import { OrderStore } from "../orders.js";

const SHOP = "http://shop.test";
const stores: OrderStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function shop(gatewayBaseUrl: string) {
  const orders = new OrderStore(":memory:");
  stores.push(orders);
  const unreachable = () =>
    Promise.reject(new ConnectionError("The gateway could not be reached.", { url: gatewayBaseUrl }));
  const gateway = {
    payments: { create: unreachable, query: unreachable },
    refunds: { create: unreachable },
    payouts: { create: unreachable, query: unreachable },
    balance: { query: unreachable },
    raw: undefined as never,
  } as GatewayClient;
  const config = {
    gatewayBaseUrl,
    appId: "demo-shop",
    appSecret: "the-shop-secret-0123456789",
    publicUrl: SHOP,
    port: 0,
    dbPath: ":memory:",
  };
  return { app: createShopApp({ config, orders, gateway, log: () => undefined }), orders };
}

describe("the certify endpoints", () => {
  it.each(["https://gateway.example.com/pg", "http://10.0.0.5:8080/pg"])(
    "do not exist when the gateway is %s",
    async (gatewayBaseUrl) => {
      const { app, orders } = shop(gatewayBaseUrl);
      const created = await app.request(`${SHOP}/certify/orders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(created.status).toBe(404);
      expect((await app.request(`${SHOP}/certify/orders/ORD-1`)).status).toBe(404);
      expect(orders.orders()).toEqual([]);
    },
  );

  it("answer 502 with the reason, and record the order, when the gateway on loopback cannot be reached", async () => {
    const { app, orders } = shop("http://127.0.0.1:9/pg");
    const created = await app.request(`${SHOP}/certify/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(created.status).toBe(502);
    expect(await created.json()).toEqual({ error: "payment/create failed: The gateway could not be reached." });
    const [order] = orders.orders();
    expect(await (await app.request(`${SHOP}/certify/orders/${order!.merchantTradeNo}`)).json()).toEqual({
      merchantTradeNo: order!.merchantTradeNo,
      paymentNo: null,
      status: "PENDING",
      processed: 0,
    });
  });
});
