// The shop passes every case of `gatekit-gateway certify`: the built gateway CLI and the built
// shop run as real processes on loopback, as `npm start` runs them, and certify drives the shop's
// notify endpoint, its return page and its certify endpoints (routes/certify.ts).

import { CERTIFY_CASE_IDS, certifyIntegration, formatCertifyReport } from "@gatekit/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Demo, startDemo } from "./e2e/processes.js";

let demo: Demo;

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.close();
});

describe("gatekit-gateway certify against the demo shop", () => {
  it("passes every case", async () => {
    const report = await certifyIntegration({
      notifyUrl: `${demo.shopOrigin}/gateway/notify`,
      returnUrl: `${demo.shopOrigin}/checkout/return`,
      gatewayUrl: demo.gatewayOrigin,
      merchant: demo.credentials,
      orderSource: { url: `${demo.shopOrigin}/certify/orders` },
      statusSource: { url: `${demo.shopOrigin}/certify/orders/{merchantTradeNo}` },
    });
    // The whole report on failure says which case and what was seen.
    expect(
      report.results.filter((result) => result.status !== "pass"),
      formatCertifyReport(report),
    ).toEqual([]);
    expect(report.results.map((result) => result.id)).toEqual(CERTIFY_CASE_IDS);
    expect(report.ok).toBe(true);
  });

  it("answers the certify endpoints with JSON, and 404 for an order it does not have", async () => {
    const created = await fetch(`${demo.shopOrigin}/certify/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const order = (await created.json()) as { merchantTradeNo: string; paymentNo: string };
    expect(order).toMatchObject({ merchantTradeNo: expect.stringMatching(/^ORD-/), paymentNo: expect.any(String) });
    const state = await fetch(`${demo.shopOrigin}/certify/orders/${order.merchantTradeNo}`);
    expect(await state.json()).toEqual({ ...order, status: "PENDING", processed: 0 });
    expect((await fetch(`${demo.shopOrigin}/certify/orders/ORD-unknown`)).status).toBe(404);
  });
});
