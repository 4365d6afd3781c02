import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GatewayEnv } from "../http/env.js";
import { createDeliveryEvents } from "../notify/events.js";
import { ORIGIN, paymentRequest, payoutRequest, type TestGateway, testGateway } from "../../test/index.js";
import { loopbackMerchant } from "../../test/merchant.js";
import { eventRoutes } from "./events.js";

let t: TestGateway;
afterEach(() => t?.close());

interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data?: any;
  readonly comment?: string;
}

// Reads a text/event-stream response message by message.
function sseReader(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next(): Promise<SseMessage | null> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: Record<string, any> = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) message["comment"] = line.slice(1).trim();
            const match = /^(id|event|data): ?(.*)$/.exec(line);
            if (match) message[match[1]!] = match[1] === "data" ? JSON.parse(match[2]!) : match[2];
          }
          return message;
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    cancel: () => reader.cancel(),
  };
}

async function openStream(query = "") {
  const response = await t.gateway.fetch(new Request(`${ORIGIN}/__gateway/events${query}`));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
  return sseReader(response);
}

async function paidPayment(notifyUrl: string): Promise<string> {
  const { data } = await t.call("/v2/payment/create", paymentRequest({ notifyUrl }));
  await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
  return data.paymentNo;
}

describe("GET /__gateway/events", () => {
  it("streams enqueued and attempt events with increasing ids, a retry included", async () => {
    const shop = await loopbackMerchant([500]);
    t = testGateway({ deliverNotifications: true });
    const stream = await openStream();
    const paymentNo = await paidPayment(shop.url);

    const enqueued = await stream.next();
    expect(enqueued).toMatchObject({
      event: "enqueued",
      data: {
        type: "enqueued",
        attempt: null,
        notification: { objectNo: paymentNo, status: "pending", attempts: 0, attemptLog: [] },
      },
    });
    const failed = await stream.next();
    expect(failed).toMatchObject({
      event: "attempt",
      data: {
        type: "attempt",
        attempt: { attempt: 1, httpStatus: 500, outcome: "bad_status" },
        notification: { status: "pending", attempts: 1 },
      },
    });
    await t.control("POST", "/clock", { advanceMs: 15_000 });
    const delivered = await stream.next();
    expect(delivered).toMatchObject({
      event: "attempt",
      data: { attempt: { attempt: 2, outcome: "acknowledged" }, notification: { status: "delivered", attempts: 2 } },
    });
    expect(delivered!.data.notification.attemptLog).toHaveLength(2);
    expect(Number(enqueued!.id)).toBeLessThan(Number(failed!.id));
    expect(Number(failed!.id)).toBeLessThan(Number(delivered!.id));
    await stream.cancel();
  });

  it("streams a resend", async () => {
    t = testGateway();
    await paidPayment("https://merchant.example.com/notify");
    const stream = await openStream();
    const [notification] = (await t.control("GET", "/notifications")).data.notifications;
    await t.control("POST", `/notifications/${notification.id}/resend`);
    expect(await stream.next()).toMatchObject({
      event: "resent",
      data: { type: "resent", attempt: null, notification: { id: notification.id, status: "pending" } },
    });
    await stream.cancel();
  });

  it("narrows the stream by kind, status and appId", async () => {
    const shop = await loopbackMerchant([500]);
    t = testGateway({ deliverNotifications: true, payoutDelayMs: null });
    const delivered = await openStream("?status=delivered");
    const payouts = await openStream("?kind=payout");
    const nobody = await openStream("?appId=someone-else");
    const everything = await openStream();
    const paymentNo = await paidPayment(shop.url);
    const next = async () => (await everything.next())!.data;
    expect(await next()).toMatchObject({ type: "enqueued", notification: { objectNo: paymentNo } });
    expect(await next()).toMatchObject({ type: "attempt", notification: { objectNo: paymentNo, status: "pending" } });
    const { data: payout } = await t.call("/v2/payout/create", payoutRequest({ notifyUrl: shop.url }));
    await t.control("POST", `/payouts/${payout.payoutNo}/outcome`, { status: "PAID" });
    expect(await next()).toMatchObject({ type: "enqueued", notification: { objectNo: payout.payoutNo } });
    expect(await next()).toMatchObject({
      type: "attempt",
      notification: { objectNo: payout.payoutNo, status: "delivered" },
    });
    await t.control("POST", "/clock", { advanceMs: 15_000 });
    expect(await next()).toMatchObject({ type: "attempt", notification: { objectNo: paymentNo, status: "delivered" } });

    // Each filtered stream's first event is the first that matches: the others were left out.
    expect(await payouts.next()).toMatchObject({
      event: "enqueued",
      data: { notification: { kind: "payout", objectNo: payout.payoutNo } },
    });
    expect(await payouts.next()).toMatchObject({ event: "attempt", data: { notification: { kind: "payout" } } });
    expect(await delivered.next()).toMatchObject({
      data: { notification: { objectNo: payout.payoutNo, status: "delivered" } },
    });
    expect(await delivered.next()).toMatchObject({
      data: { notification: { objectNo: paymentNo, status: "delivered" } },
    });
    await t.close();
    expect(await payouts.next()).toBeNull();
    expect(await nobody.next()).toBeNull();
  });

  it.each([
    ["?kind=order", "kind: must be one of payment, refund, payout"],
    ["?status=sent", "status: must be one of pending, delivered, failed"],
  ])("refuses %s with a specific message", async (query, message) => {
    t = testGateway();
    const refused = await t.control("GET", `/events${query}`);
    expect(refused).toMatchObject({ status: 400, code: "Control.Common.Invalid_Request", errorMessage: message });
  });

  it("stops listening when the client goes away", async () => {
    t = testGateway();
    const stream = await openStream();
    await vi.waitFor(() => expect(t.gateway.events.listeners).toBe(1));
    await stream.cancel();
    await vi.waitFor(() => expect(t.gateway.events.listeners).toBe(0));
  });

  it("stops listening when a client on a real socket hangs up, and the server then closes", async () => {
    t = testGateway();
    const server = serve({ fetch: t.gateway.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const { port } = server.address() as AddressInfo;
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/__gateway/events`, { signal: abort.signal });
    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(t.gateway.events.listeners).toBe(1));
    abort.abort();
    await vi.waitFor(() => expect(t.gateway.events.listeners).toBe(0));
    await new Promise((resolve) => server.close(resolve));
  });

  it("ends open streams when the gateway closes, and close does not wait on them", async () => {
    t = testGateway();
    const stream = await openStream();
    await t.gateway.close();
    expect(await stream.next()).toBeNull();
    expect(t.gateway.events.listeners).toBe(0);
  });

  it("sends a heartbeat comment while nothing happens", async () => {
    const events = createDeliveryEvents();
    const app = new Hono<GatewayEnv>().route("/events", eventRoutes({ events, heartbeatMs: 5 }));
    const stream = sseReader(await app.fetch(new Request("http://gateway.test/events")));
    expect(await stream.next()).toEqual({ comment: "heartbeat" });
    events.close();
    expect(await stream.next()).toBeNull();
  });
});
