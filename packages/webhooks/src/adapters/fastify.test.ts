import Fastify, { type FastifyInstance } from "fastify";
import { postChunked } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { examples } from "../../test/fixtures.js";
import { config, fresh, post, reasonOf } from "../../test/http.js";
import { ACK, signNotification, type Notification } from "../index.js";
import { fastifyWebhook } from "./fastify.js";

describe("fastifyWebhook with a real Fastify app", () => {
  const seen: Notification[] = [];
  const onRejected = vi.fn();
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = Fastify();
    await app.register(fastifyWebhook({ ...config, onRejected, onNotification: (n) => void seen.push(n) }), {
      prefix: "/gateway/notify",
    });
    await app.register(
      fastifyWebhook({
        ...config,
        path: "/failing",
        onRejected,
        onNotification: () => Promise.reject(new Error("database down")),
      }),
    );
    await app.register(
      fastifyWebhook({ ...config, path: "/small", maxBodyBytes: 100, onRejected, onNotification: () => {} }),
    );
    // The rest of the app keeps Fastify's JSON parser: the plugin's parser is encapsulated.
    app.post("/api/echo", async (request) => ({ parsed: request.body }));
    base = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(() => app.close());

  it.each(["payment", "refund", "payout"] as const)("acknowledges a %s notification", async (kind) => {
    const reply = await post(`${base}/gateway/notify`, await fresh(kind));
    expect(reply).toEqual({ status: 200, contentType: expect.stringMatching(/^application\/json/), text: ACK });
    expect(seen.at(-1)).toMatchObject({ kind, data: examples[kind] });
  });

  it("accepts any content type, since the gateway's bytes are what count", async () => {
    const reply = await post(`${base}/gateway/notify`, await fresh(), { "content-type": "text/plain; charset=utf-8" });
    expect(reply.status).toBe(200);
  });

  it("leaves JSON parsing on for the rest of the app", async () => {
    const response = await fetch(`${base}/api/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(await response.json()).toEqual({ parsed: { a: 1 } });
  });

  it("answers 401 for a bad signature and 401 for a missing header", async () => {
    const forged = await post(
      `${base}/gateway/notify`,
      await signNotification({ ...config, appSecret: "other", data: examples.refund }),
    );
    expect([forged.status, reasonOf(forged)]).toEqual([401, "bad_signature"]);
    const n = await fresh();
    const bare = await post(`${base}/gateway/notify`, {
      body: n.body,
      headers: { "content-type": "application/json" },
    });
    expect([bare.status, reasonOf(bare)]).toEqual([401, "missing_header"]);
  });

  it("answers 400 for a signed body that is not a notification, and 401 for an empty unsigned one", async () => {
    const invalid = await post(`${base}/gateway/notify`, await signNotification({ ...config, body: "[]" }));
    expect([invalid.status, reasonOf(invalid)]).toEqual([400, "invalid_body"]);
    const empty = await fetch(`${base}/gateway/notify`, { method: "POST" });
    expect(empty.status).toBe(401);
  });

  it("refuses a body over maxBodyBytes with 413", async () => {
    const reply = await post(`${base}/small`, await fresh());
    expect(reply.status).toBe(413);
  });

  it("refuses with 413 a chunked body that streams past maxBodyBytes", async () => {
    const reply = await postChunked(`${base}/small`, 4 * 1024 * 1024, (await fresh()).headers);
    expect(reply.status).toBe(413);
  });

  it("lets an error of onNotification reach Fastify's error handler (500)", async () => {
    const reply = await post(`${base}/failing`, await fresh());
    expect(reply.status).toBe(500);
  });
});
