import { createServer, type Server } from "node:http";
import { closeServer, listen, postChunked } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { examples } from "../../test/fixtures.js";
import { config, fresh, post, reasonOf } from "../../test/http.js";
import { ACK, signNotification, type Notification } from "../index.js";
import { createNodeHandler, readRawBody, verifyNodeRequest, type NodeRequest } from "./node.js";

describe("createNodeHandler on a real http server", () => {
  const seen: Notification[] = [];
  const onError = vi.fn();
  const onRejected = vi.fn();
  let failNext = false;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const handler = createNodeHandler({
      ...config,
      maxBodyBytes: 4096,
      onRejected,
      onError,
      onNotification: async (n) => {
        if (failNext) throw new Error("database down");
        seen.push(n);
      },
    });
    server = createServer((req, res) => void handler(req, res));
    url = `${await listen(server)}/gateway/notify`;
  });
  afterAll(() => closeServer(server));

  it.each(["payment", "refund", "payout"] as const)("acknowledges a %s notification", async (kind) => {
    const reply = await post(url, await fresh(kind));
    expect(reply).toEqual({ status: 200, contentType: "application/json", text: ACK });
    expect(seen.at(-1)).toMatchObject({ kind, data: examples[kind] });
  });

  it("passes on the delivery id and attempt from the headers", async () => {
    const reply = await post(url, await fresh("payment"), {
      "Gatekit-Notification-Id": "NTF20261127105044000009",
      "Gatekit-Notification-Attempt": "4",
    });
    expect(reply.status).toBe(200);
    expect(seen.at(-1)?.delivery).toEqual({ id: "NTF20261127105044000009", attempt: 4 });
  });

  it("answers 401 with a small JSON body for a bad signature", async () => {
    const n = await signNotification({ ...config, appSecret: "wrong", data: examples.payment });
    const reply = await post(url, n);
    expect(reply.status).toBe(401);
    expect(reasonOf(reply)).toBe("bad_signature");
    expect(onRejected).toHaveBeenCalledWith(expect.objectContaining({ reason: "bad_signature" }));
  });

  it("answers 401 without an Authorization header", async () => {
    const n = await fresh();
    const reply = await post(url, { body: n.body, headers: { "content-type": "application/json" } });
    expect([reply.status, reasonOf(reply)]).toEqual([401, "missing_header"]);
  });

  it("answers 400 for a signed body that is not a notification", async () => {
    const reply = await post(url, await signNotification({ ...config, body: '{"code":"OK"}' }));
    expect([reply.status, reasonOf(reply)]).toEqual([400, "invalid_body"]);
  });

  it("answers 413 for a body over maxBodyBytes", async () => {
    const reply = await post(url, await signNotification({ ...config, body: "x".repeat(5000) }));
    expect([reply.status, reasonOf(reply)]).toEqual([413, "invalid_body"]);
  });

  it("answers 413, and closes the connection, for a chunked body that streams past maxBodyBytes", async () => {
    const reply = await postChunked(url, 8 * 1024 * 1024, (await fresh()).headers);
    expect([reply.status, reasonOf(reply)]).toEqual([413, "invalid_body"]);
  });

  it("answers 500 and reports to onError when onNotification throws, and keeps serving", async () => {
    failNext = true;
    const reply = await post(url, await fresh());
    failNext = false;
    expect(reply.status).toBe(500);
    expect(reply.text).not.toContain("database down");
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "database down" }));
    expect((await post(url, await fresh())).status).toBe(200);
  });
});

describe("verifyNodeRequest in a plain request listener", () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      try {
        const notification = await verifyNodeRequest(req, config);
        res.writeHead(200, { "content-type": "application/json" }).end(ACK);
        void notification;
      } catch (error) {
        res.writeHead((error as { status?: number }).status ?? 500).end();
      }
    });
    url = await listen(server);
  });
  afterAll(() => closeServer(server));

  it("verifies a notification sent in chunks without a Content-Length", async () => {
    const n = await fresh("refund");
    const bytes = new TextEncoder().encode(n.body as string);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.subarray(i, i + 100));
        controller.close();
      },
    });
    const response = await fetch(url, { method: "POST", headers: n.headers, body, duplex: "half" } as RequestInit);
    expect(response.status).toBe(200);
  });
});

describe("readRawBody", () => {
  const request = (chunks: (Uint8Array | string)[], extra: Partial<NodeRequest> = {}): NodeRequest => ({
    headers: {},
    async *[Symbol.asyncIterator]() {
      yield* chunks;
    },
    ...extra,
  });

  it("joins chunks and encodes string chunks as UTF-8", async () => {
    const bytes = await readRawBody(request([new Uint8Array([0x7b]), '"é"', new Uint8Array([0x7d])]));
    expect(Buffer.from(bytes).toString()).toBe('{"é"}');
  });

  it("takes a raw body a body parser left in req.body", async () => {
    const stream = request([]);
    expect(await readRawBody({ ...stream, body: Buffer.from("raw"), readableEnded: true })).toEqual(Buffer.from("raw"));
    expect(Buffer.from(await readRawBody({ ...stream, body: "text", readableEnded: true })).toString()).toBe("text");
  });

  it("refuses a parsed req.body, and a stream someone else consumed", async () => {
    await expect(readRawBody(request([], { body: { code: "OK" }, readableEnded: true }))).rejects.toThrow(
      "express.raw",
    );
    await expect(readRawBody(request([], { readableEnded: true }))).rejects.toThrow("already read");
  });

  it("stops at maxBodyBytes with 413, by Content-Length or while streaming", async () => {
    await expect(readRawBody(request([], { headers: { "content-length": "11" } }), 10)).rejects.toMatchObject({
      status: 413,
    });
    await expect(readRawBody(request([new Uint8Array(6), new Uint8Array(6)]), 10)).rejects.toMatchObject({
      status: 413,
    });
  });

  it("reads an empty body without the parsed-object mistake", async () => {
    expect(await readRawBody(request([], { body: {} }))).toEqual(new Uint8Array(0));
  });
});
