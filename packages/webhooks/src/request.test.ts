import { describe, expect, it, vi } from "vitest";
import { appId, appSecret, envelope, examples, notifyUrl } from "../test/fixtures.js";
import {
  ACK,
  ackResponse,
  createWebhookHandler,
  rejectionResponse,
  signNotification,
  verifyRequest,
  WebhookVerificationError,
  type Notification,
} from "./index.js";

const config = { notifyUrl, appId, appSecret };

/** A fresh notification as a Request, posted to wherever (the URL the app sees does not matter). */
async function notificationRequest(
  init: { body?: BodyInit; headers?: Record<string, string> } = {},
  url = "http://127.0.0.1:3000/notify",
) {
  const n = await signNotification({ ...config, data: examples.payment });
  return new Request(url, {
    method: "POST",
    headers: { ...n.headers, ...init.headers },
    body: init.body ?? (n.body as string),
  });
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    pull(controller) {
      const chunk = chunks.shift();
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

describe("verifyRequest", () => {
  it("exposes the delivery id and attempt from the headers, and null without them", async () => {
    const headers = { "gatekit-notification-id": "NTF20261127105044000001", "gatekit-notification-attempt": "2" };
    expect((await verifyRequest(await notificationRequest({ headers }), config)).delivery).toEqual({
      id: "NTF20261127105044000001",
      attempt: 2,
    });
    expect((await verifyRequest(await notificationRequest(), config)).delivery).toBeNull();
  });

  it("verifies a Request, whatever URL it reached (the signed one is notifyUrl)", async () => {
    const notification = await verifyRequest(await notificationRequest(), config);
    expect(notification).toMatchObject({ kind: "payment", data: examples.payment });
  });

  it("reads a body that arrives in many chunks", async () => {
    const n = await signNotification({ ...config, data: examples.payout });
    const bytes = new TextEncoder().encode(n.body as string);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const request = new Request("http://127.0.0.1/n", {
      method: "POST",
      headers: n.headers,
      body: streamOf(chunks),
      duplex: "half",
    } as RequestInit);
    await expect(verifyRequest(request, config)).resolves.toMatchObject({ kind: "payout" });
  });

  it("says so when the body was already read, and works on a clone", async () => {
    const request = await notificationRequest();
    const clone = request.clone();
    await request.json();
    await expect(verifyRequest(request, config)).rejects.toMatchObject({
      reason: "invalid_body",
      message: expect.stringContaining("already read"),
    });
    await expect(verifyRequest(clone, config)).resolves.toMatchObject({ kind: "payment" });
  });

  it("refuses a body over maxBodyBytes with 413, by Content-Length or while streaming", async () => {
    const big = await notificationRequest({ body: "x".repeat(2000) });
    await expect(verifyRequest(big, { ...config, maxBodyBytes: 1000 })).rejects.toMatchObject({
      reason: "invalid_body",
      status: 413,
    });
    const chunks = [new Uint8Array(600), new Uint8Array(600)];
    const streamed = new Request("http://127.0.0.1/n", {
      method: "POST",
      body: streamOf(chunks),
      duplex: "half",
    } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    await expect(verifyRequest(streamed, { ...config, maxBodyBytes: 1000 })).rejects.toMatchObject({ status: 413 });
  });

  it("refuses a request without a body or header as the verifier does", async () => {
    const request = new Request("http://127.0.0.1/n", { method: "POST" });
    await expect(verifyRequest(request, config)).rejects.toMatchObject({ reason: "missing_header" });
  });
});

describe("the acknowledgement", () => {
  it('is exactly {"code":"OK"} with HTTP 200', async () => {
    expect(ACK).toBe('{"code":"OK"}');
    const response = ackResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.text()).toBe('{"code":"OK"}');
  });

  it("has a refusal counterpart with the error's status and a small JSON body", async () => {
    const response = rejectionResponse(new WebhookVerificationError("bad_signature", "no match"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ reason: "bad_signature", message: "no match" });
  });
});

describe("createWebhookHandler (Fetch)", () => {
  it("acknowledges a verified notification after onNotification resolves", async () => {
    const seen: Notification[] = [];
    const handler = createWebhookHandler({ ...config, onNotification: async (n) => void seen.push(n) });
    const response = await handler(await notificationRequest());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ACK);
    expect(seen).toHaveLength(1);
  });

  it("refuses with 401 and reports to onRejected without calling onNotification", async () => {
    const onNotification = vi.fn();
    const onRejected = vi.fn();
    const handler = createWebhookHandler({ ...config, appSecret: "wrong", onNotification, onRejected });
    const response = await handler(await notificationRequest());
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ reason: "bad_signature" });
    expect(onNotification).not.toHaveBeenCalled();
    expect(onRejected).toHaveBeenCalledWith(expect.objectContaining({ reason: "bad_signature" }));
  });

  it("warns on the console by default, without the secret", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const handler = createWebhookHandler({ ...config, appSecret: `${appSecret} `, onNotification: () => {} });
      await handler(await notificationRequest());
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0])).toContain("whitespace");
      expect(String(warn.mock.calls[0])).not.toContain(appSecret);
    } finally {
      warn.mockRestore();
    }
  });

  it("answers 400 for a signed body that is not a notification", async () => {
    const n = await signNotification({ ...config, body: envelope({ somethingElse: 1 }) });
    const handler = createWebhookHandler({ ...config, onNotification: () => {}, onRejected: () => {} });
    const response = await handler(
      new Request("http://127.0.0.1/n", { method: "POST", headers: n.headers, body: n.body as string }),
    );
    expect(response.status).toBe(400);
  });

  it("rethrows an error of onNotification, so the framework answers 500 and the gateway retries", async () => {
    const handler = createWebhookHandler({
      ...config,
      onNotification: () => Promise.reject(new Error("database down")),
    });
    await expect(handler(await notificationRequest())).rejects.toThrow("database down");
  });

  it("checks its configuration when it is made", () => {
    expect(() => createWebhookHandler({ ...config, appSecret: "", onNotification: () => {} })).toThrow(TypeError);
    expect(() => createWebhookHandler({ ...config, onNotification: undefined as never })).toThrow("onNotification");
    expect(() => createWebhookHandler({ ...config, maxBodyBytes: -1, onNotification: () => {} })).toThrow(
      "maxBodyBytes",
    );
  });
});
