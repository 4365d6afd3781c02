import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { baseUrl, closeServer, postChunked } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { examples } from "../../test/fixtures.js";
import { config, fresh, post, reasonOf } from "../../test/http.js";
import { ACK, signNotification, type Notification } from "../index.js";
import { honoWebhook } from "./hono.js";

describe("honoWebhook with a real Hono app on @hono/node-server", () => {
  const seen: Notification[] = [];
  const onRejected = vi.fn();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = new Hono();
    app.post("/gateway/notify", honoWebhook({ ...config, onRejected, onNotification: (n) => void seen.push(n) }));
    // The classic mistake in Hono: something reads the body before the handler.
    app.post(
      "/after-json",
      async (c, next) => {
        await c.req.raw.clone().text(); // harmless: a clone
        await c.req.json();
        await next();
      },
      honoWebhook({ ...config, onRejected, onNotification: () => {} }),
    );
    app.post(
      "/failing",
      honoWebhook({ ...config, onRejected, onNotification: () => Promise.reject(new Error("database down")) }),
    );
    app.onError((error, c) => c.json({ error: error.message }, 500));
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
    });
    base = baseUrl(server);
  });
  afterAll(() => closeServer(server));

  it.each(["payment", "refund", "payout"] as const)("acknowledges a %s notification", async (kind) => {
    const reply = await post(`${base}/gateway/notify`, await fresh(kind));
    expect(reply).toEqual({ status: 200, contentType: "application/json", text: ACK });
    expect(seen.at(-1)).toMatchObject({ kind, data: examples[kind] });
  });

  it("answers 401 for a notification signed over another URL", async () => {
    const n = await signNotification({
      ...config,
      notifyUrl: "https://elsewhere.example/notify",
      data: examples.payment,
    });
    const reply = await post(`${base}/gateway/notify`, n);
    expect([reply.status, reasonOf(reply)]).toEqual([401, "bad_signature"]);
  });

  it("says the body was already read when middleware parsed it first", async () => {
    const reply = await post(`${base}/after-json`, await fresh());
    expect(reply.status).toBe(400);
    expect(reply.text).toContain("already read");
  });

  it("answers 413 for a chunked body that streams past maxBodyBytes", async () => {
    const reply = await postChunked(`${base}/gateway/notify`, 8 * 1024 * 1024, (await fresh()).headers);
    expect([reply.status, reasonOf(reply)]).toEqual([413, "invalid_body"]);
  });

  it("rethrows an error of onNotification to app.onError (500)", async () => {
    const reply = await post(`${base}/failing`, await fresh());
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text)).toEqual({ error: "database down" });
  });
});
