import { afterEach, describe, expect, it } from "vitest";
import { MERCHANT, ORIGIN, paymentRequest, type TestGateway, testGateway } from "../../test/index.js";

let t: TestGateway;
afterEach(() => t?.close());

describe("the HTTP protocol around the operations", () => {
  it("answers an unknown path under the base path with 404 Common.Not_Found, signed for a known merchant", async () => {
    t = testGateway();
    const response = await t.call("/v2/payment/cancel", {});
    expect(response.status).toBe(404);
    expect(response.code).toBe("Common.Not_Found");
    expect(response.errorMessage).toMatch(/the base URL includes \/pg/);
    expect(response.headers.get("authorization")).not.toBeNull();
  });

  it("answers a path outside the base path with 404 too, saying where the operations are", async () => {
    t = testGateway();
    const response = await t.gateway.fetch(new Request(`${ORIGIN}/v2/payment/create`, { method: "POST", body: "{}" }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "Common.Not_Found", data: null });
  });

  it.each(["GET", "PUT", "DELETE", "PATCH"])(
    "answers %s on an operation with 405 Common.Method_Not_Allowed and Allow: POST",
    async (method) => {
      t = testGateway();
      const response = await t.call("/v2/payment/create", {}, { method });
      expect(response.status).toBe(405);
      expect(response.code).toBe("Common.Method_Not_Allowed");
      expect(response.headers.get("allow")).toBe("POST");
    },
  );

  it("answers a body over 1 MiB with 413 Common.Payload_Too_Large, by its Content-Length", async () => {
    t = testGateway();
    const raw = `{"merchantTradeNo":"${"x".repeat(1_048_576)}"}`;
    const response = await t.call("/v2/payment/query", undefined, {
      raw,
      headers: { "content-length": String(Buffer.byteLength(raw)) },
    });
    expect(response.status).toBe(413);
    expect(response.code).toBe("Common.Payload_Too_Large");
    expect(response.errorMessage).toBe("the request body exceeds 1048576 bytes");
  });

  it("stops reading a body without Content-Length as soon as it passes 1 MiB", async () => {
    t = testGateway();
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        controller.enqueue(chunk);
        if (sent > 8 * 1_048_576) controller.close();
      },
    });
    const request = new Request(`${ORIGIN}/pg/v2/payment/query`, {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: {
        authorization:
          `V2_SHA256 appId=${MERCHANT.appId},sign=${"0".repeat(64)}` +
          `,timestamp=${t.clock.now()},nonce=${"1".repeat(32)}`,
      },
    } as RequestInit);
    const response = await t.gateway.fetch(request);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1_048_576);
  });

  it("accepts a body of exactly 1 MiB (and judges it on its content)", async () => {
    t = testGateway();
    const raw = `{"merchantTradeNo":"${"x".repeat(1_048_576 - 22)}"}`;
    expect(Buffer.byteLength(raw)).toBe(1_048_576);
    const response = await t.call("/v2/payment/query", undefined, { raw });
    expect(response.status).toBe(200);
    expect(response.code).toBe("Common.Request_Parameter_Error");
  });

  const malformed: [string, string | Uint8Array, RegExp][] = [
    ["an empty body", "", /empty/],
    ["a body that is not JSON", "merchantTradeNo=ORD-1", /not well-formed JSON/],
    ["trailing bytes after the JSON value", '{"merchantTradeNo":"ORD-1"}x', /not well-formed JSON/],
    ["two JSON values", '{"merchantTradeNo":"ORD-1"}{"merchantTradeNo":"ORD-2"}', /not well-formed JSON/],
    ["a byte order mark", '\uFEFF{"merchantTradeNo":"ORD-1"}', /not well-formed JSON/],
    ["bytes that are not UTF-8", new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), /not valid UTF-8/],
    [
      "a key repeated in one object",
      '{"merchantTradeNo":"ORD-1","merchantTradeNo":"ORD-2"}',
      /"merchantTradeNo" appears twice/,
    ],
    ["a key repeated through an escape", '{"paymentNo":"A","payment\\u004eo":"B"}', /"paymentNo" appears twice/],
    [
      "nesting 200 000 levels deep",
      `{"paymentNo":${"[".repeat(200_000)}${"]".repeat(200_000)}}`,
      /nest more than 64 levels/,
    ],
  ];
  it.each(malformed)("answers %s with HTTP 200 Common.Http_Request_Error", async (_name, raw, message) => {
    t = testGateway();
    const response = await t.call("/v2/payment/query", undefined, { raw });
    expect(response.status).toBe(200);
    expect(response.code).toBe("Common.Http_Request_Error");
    expect(response.errorMessage).toMatch(message);
  });

  it(
    "answers a request without User-Agent with " + "Common.User_Agent_Required, and one with an empty User-Agent too",
    async () => {
      t = testGateway();
      for (const userAgent of [null, "", "   "]) {
        const response = await t.call("/v2/payment/query", { paymentNo: "PAY1" }, { userAgent });
        expect(response.status).toBe(200);
        expect(response.code).toBe("Common.User_Agent_Required");
        expect(response.errorMessage).toMatch(/User-Agent header is missing or empty/);
      }
    },
  );

  it("refuses a User-Agent over the contract's 256 characters as a parameter error", async () => {
    t = testGateway();
    const response = await t.call("/v2/payment/query", { paymentNo: "PAY1" }, { userAgent: "a".repeat(257) });
    expect(response.code).toBe("Common.Request_Parameter_Error");
    expect(response.errorMessage).toBe("User-Agent: must be at most 256 characters");
  });

  it("gives every response an X-Request-Id, keeping a sane one the client sent", async () => {
    t = testGateway();
    const given = await t.call(
      "/v2/payment/query",
      { paymentNo: "PAY1" },
      { headers: { "x-request-id": "client-id-42" } },
    );
    expect(given.headers.get("x-request-id")).toBe("client-id-42");
    const made = await t.call(
      "/v2/payment/query",
      { paymentNo: "PAY1" },
      { headers: { "x-request-id": "bad id with spaces" } },
    );
    expect(made.headers.get("x-request-id")).toMatch(/^[a-z0-9]+-[a-z0-9]+$/);
  });

  it("turns an unexpected failure into 500 Common.Internal_Error with a request id and no internals", async () => {
    t = testGateway();
    const store = t.gateway.store;
    const original = store.transaction.bind(store);
    store.transaction = () =>
      Promise.reject(new Error("SQLITE_CORRUPT: database disk image is malformed at /secret/path.db"));
    const response = await t.call("/v2/payment/create", paymentRequest());
    store.transaction = original;
    expect(response.status).toBe(500);
    expect(response.code).toBe("Common.Internal_Error");
    expect(response.errorMessage).toMatch(/^internal error, request id [a-z0-9-]+; the outcome is unknown/);
    expect(response.text).not.toMatch(/SQLITE|secret|path/);
  });

  it("serves the operations under another base path, or none", async () => {
    t = testGateway({ basePath: "/gateway/v" });
    expect((await t.call("/v2/payment/query", { paymentNo: "PAY1" })).code).toBe("Payment.Common.Not_Found");
    await t.close();
    t = testGateway({ basePath: "" });
    expect((await t.call("/v2/payment/query", { paymentNo: "PAY1" })).code).toBe("Payment.Common.Not_Found");
    expect((await t.control("GET", "/health")).ok).toBe(true);
  });

  it("answers 503 after close, and close waits for the requests in flight", async () => {
    t = testGateway();
    const inFlight = t.call("/v2/payment/create", paymentRequest());
    const closed = t.gateway.close();
    expect((await inFlight).code).toBe("OK");
    await closed;
    const after = await t.gateway.fetch(new Request(`${ORIGIN}/pg/v2/payment/query`, { method: "POST", body: "{}" }));
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ code: "Common.Internal_Error", data: null });
  });
});
