// HTTPS with a sandbox's own certificate authority: the client trusts it only when given it as
// `ca`, and never skips certificate checks otherwise.

import { createGatewayClient } from "@gatekit/client";
import { createTestPki, rejection, type TestPki } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentRequest } from "./support/fixtures.js";
import { type GatewayUnderTest, startGateway } from "./support/gateway.js";

let pki: TestPki;
let gateway: GatewayUnderTest;

beforeAll(async () => {
  pki = await createTestPki();
  gateway = await startGateway({ tls: { key: pki.key, cert: pki.cert } });
});

afterAll(async () => {
  await gateway.close();
});

describe("a gateway with its own certificate authority", () => {
  it("is reached over https when its CA is passed as ca", async () => {
    expect(gateway.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/pg$/);
    const client = createGatewayClient({
      baseUrl: gateway.baseUrl,
      appId: gateway.appId,
      appSecret: gateway.appSecret,
      ca: pki.caCert,
    });
    const request = paymentRequest();
    const payment = await client.payments.create(request);
    expect(payment.merchantTradeNo).toBe(request.merchantTradeNo);
    await expect(client.payments.query({ paymentNo: payment.paymentNo })).resolves.toMatchObject({ status: "PENDING" });
    // Also as bytes, in a list.
    const bytes = createGatewayClient({
      baseUrl: gateway.baseUrl,
      appId: gateway.appId,
      appSecret: gateway.appSecret,
      ca: [new TextEncoder().encode(pki.caCert)],
    });
    await expect(bytes.balance.query({ currencies: ["INR"] })).resolves.toHaveProperty("balanceList");
  });

  it("is refused without it: a ConnectionError about the certificate, not retried", async () => {
    const client = createGatewayClient({
      baseUrl: gateway.baseUrl,
      appId: gateway.appId,
      appSecret: gateway.appSecret,
    });
    const error = await rejection(client.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "ConnectionError", attempts: 1 });
    expect((error as Error).message).toMatch(/certificate/);
    expect((error as Error).message).toMatch(/ca option/);
  });

  it("is refused with another CA", async () => {
    const other = await createTestPki();
    const client = createGatewayClient({
      baseUrl: gateway.baseUrl,
      appId: gateway.appId,
      appSecret: gateway.appSecret,
      ca: other.caCert,
    });
    const error = await rejection(client.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "ConnectionError", attempts: 1 });
    expect((error as Error).message).toMatch(/certificate/);
  });
});
