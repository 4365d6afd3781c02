import { createServer, type Server } from "node:http";
import express from "express";
import { closeServer, listen, postChunked } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { examples } from "../../test/fixtures.js";
import { config, fresh, post, reasonOf } from "../../test/http.js";
import { ACK, MemoryNonceStore, signNotification, type Notification } from "../index.js";
import { expressWebhook } from "./express.js";

describe("expressWebhook with a real Express app", () => {
  const seen: Notification[] = [];
  const onRejected = vi.fn();
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const options = { ...config, onRejected, onNotification: (n: Notification) => void seen.push(n) };
    const app = express();
    // The recipe: express.raw() on the notification route only.
    app.post("/raw", express.raw({ type: "application/json" }), expressWebhook(options));
    // No body parser at all: the handler reads the stream itself.
    app.post("/plain", expressWebhook(options));
    // A raw body as text works too.
    app.post("/text", express.text({ type: "*/*" }), expressWebhook(options));
    // The classic mistake: a JSON parser ran first.
    app.post("/json", express.json(), expressWebhook(options));
    // onNotification failing goes to Express's error handling.
    app.post(
      "/failing",
      expressWebhook({ ...config, onRejected, onNotification: () => Promise.reject(new Error("database down")) }),
    );
    app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(500).json({ error: error.message });
    });
    server = createServer(app);
    base = await listen(server);
  });
  afterAll(() => closeServer(server));

  it.each(["/raw", "/plain", "/text"])("acknowledges a notification on %s", async (path) => {
    const reply = await post(`${base}${path}`, await fresh("payout"));
    expect(reply).toEqual({ status: 200, contentType: "application/json", text: ACK });
    expect(seen.at(-1)).toMatchObject({ kind: "payout" });
  });

  it("answers 413 for a chunked body that streams past maxBodyBytes, read by the handler itself", async () => {
    const reply = await postChunked(`${base}/plain`, 8 * 1024 * 1024, (await fresh()).headers);
    expect([reply.status, reasonOf(reply)]).toEqual([413, "invalid_body"]);
  });

  it("tells the merchant to use express.raw() when express.json() ran first", async () => {
    const reply = await post(`${base}/json`, await fresh());
    expect(reply.status).toBe(400);
    expect(reasonOf(reply)).toBe("invalid_body");
    expect(reply.text).toContain("express.raw");
  });

  it("answers 401 for a notification signed with another secret", async () => {
    const reply = await post(
      `${base}/raw`,
      await signNotification({ ...config, appSecret: "other", data: examples.payment }),
    );
    expect([reply.status, reasonOf(reply)]).toEqual([401, "bad_signature"]);
  });

  it("answers 401 for a replayed notification when a nonce store is set", async () => {
    const app = express();
    app.post(
      "/n",
      express.raw({ type: "application/json" }),
      expressWebhook({ ...config, nonceStore: new MemoryNonceStore(), onRejected, onNotification: () => {} }),
    );
    const replayServer = createServer(app);
    const url = `${await listen(replayServer)}/n`;
    try {
      const n = await fresh();
      expect((await post(url, n)).status).toBe(200);
      const again = await post(url, n);
      expect([again.status, reasonOf(again)]).toEqual([401, "replayed_nonce"]);
    } finally {
      await closeServer(replayServer);
    }
  });

  it("passes an error of onNotification to next(), so Express answers 500", async () => {
    const reply = await post(`${base}/failing`, await fresh());
    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text)).toEqual({ error: "database down" });
  });
});
