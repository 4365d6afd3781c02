import { vectors } from "@gatekit/testing";
import { describe, expect, it } from "vitest";
import { appId, appSecret, envelope, examples, nonce, notifyUrl, now } from "../test/fixtures.js";
import { signNotification, verifyNotification } from "./index.js";

const config = { notifyUrl, appId, appSecret };

describe("signNotification", () => {
  it.each(["payment", "refund", "payout"] as const)("signs a %s notification that verifies", async (kind) => {
    const n = await signNotification({ ...config, data: examples[kind] });
    expect(n.body).toBe(envelope(examples[kind]));
    expect(n.headers).toEqual({ authorization: n.authorization, "content-type": "application/json" });
    expect(n.nonce).toMatch(/^[0-9a-f]{32}$/);
    const notification = await verifyNotification({ ...config, body: n.body, authorization: n.authorization });
    expect(notification).toEqual({
      kind,
      data: examples[kind],
      timestamp: Number(n.timestamp),
      nonce: n.nonce,
      delivery: null,
    });
  });

  it("uses a fresh nonce each time, and the given clock and nonce when pinned", async () => {
    const a = await signNotification({ ...config, data: examples.payment });
    const b = await signNotification({ ...config, data: examples.payment });
    expect(a.nonce).not.toBe(b.nonce);
    const pinned = await signNotification({ ...config, data: examples.payment, now, nonce });
    expect(pinned).toMatchObject({ timestamp: String(now), nonce });
    expect(await signNotification({ ...config, data: examples.payment, now, nonce })).toEqual(pinned);
  });

  it("reproduces the notification vectors from their parts", async () => {
    for (const v of vectors.filter((x) => x.name.includes("notification") || x.name.includes("webhook"))) {
      const n = await signNotification({
        appId: v.appId,
        appSecret: v.appSecret,
        notifyUrl: v.url,
        body: v.body,
        now: Number(v.timestamp),
        nonce: v.nonce,
      });
      expect(n.authorization).toBe(v.authorization);
    }
  });

  it("signs a raw body as given, for negative tests", async () => {
    const n = await signNotification({ ...config, body: "not json" });
    expect(n.body).toBe("not json");
    await expect(verifyNotification({ ...config, body: n.body, authorization: n.authorization })).rejects.toMatchObject(
      { reason: "invalid_body" },
    );
  });

  it("needs data or a body", async () => {
    await expect(signNotification({ ...config } as never)).rejects.toThrow(TypeError);
  });
});
