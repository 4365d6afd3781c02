// A notification from the reference gateway to a merchant built on @gatekit/webhooks, over real
// HTTP on loopback: the merchant sees the delivery id and attempt, the same id on the retry, and
// the test clock brings the retry forward.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayClient } from "@gatekit/client";
import { createGateway } from "@gatekit/server";
import type { Notification } from "@gatekit/webhooks";
import { createNodeHandler } from "@gatekit/webhooks/node";
import { serve } from "@gatekit/testing";
import { afterEach, describe, expect, it } from "vitest";
import { paymentRequest } from "./support/fixtures.js";

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

describe("notification delivery ids", () => {
  it("reach a @gatekit/webhooks merchant, the same id on the retry the test clock brings forward", async () => {
    const appId = "merchant-delivery-ids";
    const appSecret = "delivery-ids-secret-0123456789";
    const gateway = createGateway({ logger: false, merchants: [{ appId, appSecret }], sweepIntervalMs: null });
    const served = await serve(gateway);
    closers.push(() => served.close());

    const seen: Notification[] = [];
    const waiting: ((n: Notification) => void)[] = [];
    let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
    const shop = createServer((req, res) => void handler?.(req, res));
    await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => shop.close(resolve)));
    const notifyUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/notify`;
    handler = createNodeHandler({
      appId,
      appSecret,
      notifyUrl,
      onNotification: (notification) => {
        seen.push(notification);
        waiting.shift()?.(notification);
        // The first delivery fails, so the gateway retries it.
        if (seen.length === 1) throw new Error("not yet");
      },
      onError: () => undefined,
    });
    const next = () => new Promise<Notification>((resolve) => waiting.push(resolve));

    const client = createGatewayClient({
      baseUrl: `${served.origin}/pg`,
      appId,
      appSecret,
      allowInsecureLoopback: true,
    });
    const events = await deliveryEvents(gateway.fetch(new Request(`${served.origin}/__gateway/events`)));
    const first = next();
    const payment = await client.payments.create(paymentRequest({ notifyUrl }));
    await gateway.fetch(
      new Request(`${served.origin}/__gateway/payments/${payment.paymentNo}/outcome`, {
        method: "POST",
        body: '{"status":"PAID"}',
      }),
    );
    const initial = await first;
    const retried = next();
    // Wait until the failed attempt is recorded, then move the clock past the first retry delay.
    for await (const event of events) if (event.type === "attempt") break;
    await gateway.fetch(
      new Request(`${served.origin}/__gateway/clock`, { method: "POST", body: '{"advanceMs":15000}' }),
    );
    const retry = await retried;

    expect(initial.delivery).toEqual({ id: expect.stringMatching(/^NTF\d+$/), attempt: 1 });
    expect(retry.delivery).toEqual({ id: initial.delivery!.id, attempt: 2 });
    expect(retry.nonce).not.toBe(initial.nonce);
  });
});

// The events of GET /__gateway/events, from a stream open once this resolves (so nothing that
// happens afterwards is missed).
// In process: the test server buffers whole responses, and this one never ends by itself.
async function deliveryEvents(answer: Promise<Response>): Promise<AsyncGenerator<{ type: string }>> {
  const response = await answer;
  if (response.status !== 200) throw new Error(`GET /__gateway/events answered HTTP ${response.status}`);
  return read(response);
}

async function* read(response: Response): AsyncGenerator<{ type: string }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const data = buffer
          .slice(0, end)
          .split("\n")
          .find((line) => line.startsWith("data: "));
        buffer = buffer.slice(end + 2);
        if (data) yield JSON.parse(data.slice(6)) as { type: string };
      }
    }
  } finally {
    await reader.cancel();
  }
}
