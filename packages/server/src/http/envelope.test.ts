import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { isWritten, ok, refuse } from "./envelope.js";
import type { GatewayEnv } from "./env.js";

// The writer alone, with a stub signer: every header is in the Response it builds.
function app(): Hono<GatewayEnv> {
  const hono = new Hono<GatewayEnv>();
  hono.use("*", async (c, next) => {
    c.set("requestId", "req-1");
    c.set("signer", (body) => `signed:${body.length}`);
    await next();
  });
  hono.get("/ok", (c) => ok(c, { paymentNo: "P1" }));
  hono.get("/refuse", (c) => {
    c.header("allow", "POST");
    return refuse(c, 405, "Common.Method_Not_Allowed", "GET is not allowed");
  });
  return hono;
}

describe("the envelope writer", () => {
  it.each([
    ["/ok", 200, '{"code":"OK","errorMessage":null,"data":{"paymentNo":"P1"}}', null],
    ["/refuse", 405, '{"code":"Common.Method_Not_Allowed","errorMessage":"GET is not allowed","data":null}', "POST"],
  ])("writes %s signed over its exact text, with the request id", async (path, status, text, allow) => {
    const response = await app().request(path);
    expect(response.status).toBe(status);
    expect(isWritten(response)).toBe(true);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-request-id")).toBe("req-1");
    expect(response.headers.get("authorization")).toBe(`signed:${text.length}`);
    expect(response.headers.get("allow")).toBe(allow);
    expect(await response.text()).toBe(text);
  });

  it("writes no signature when the signer knows no merchant", async () => {
    const hono = new Hono<GatewayEnv>();
    hono.use("*", async (c, next) => {
      c.set("signer", () => undefined);
      await next();
    });
    hono.get("/", (c) => refuse(c, 404, "Common.Not_Found", "no operation"));
    const response = await hono.request("/");
    expect(response.headers.get("authorization")).toBeNull();
    expect(response.headers.get("x-request-id")).toBeNull();
  });
});
