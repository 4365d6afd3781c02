import { createHash } from "node:crypto";
import { canonicalContent, formatAuthorization } from "@gatekit/signature";
import { extendSign, isNotification, padding, vectors } from "@gatekit/testing";
import { describe, expect, it } from "vitest";
import { appId, appSecret, envelope, examples, nonce, notifyUrl, now, options, signed } from "../test/fixtures.js";
import {
  MemoryNonceStore,
  verifyNotification,
  WebhookVerificationError,
  type NotificationKind,
  type WebhookVerificationReason,
} from "./index.js";

/** The error verifyNotification throws for these options (fails the test if it resolves). */
async function refusal(opts: Parameters<typeof verifyNotification>[0]): Promise<WebhookVerificationError> {
  const error = await verifyNotification(opts).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

async function expectReason(
  opts: Parameters<typeof verifyNotification>[0],
  reason: WebhookVerificationReason,
): Promise<string> {
  const error = await refusal(opts);
  expect(error.reason).toBe(reason);
  expect(error.type).toBe("WebhookVerificationError");
  expect(error.status).toBe(reason === "invalid_body" ? 400 : 401);
  // Whatever went wrong, the secret and the expected sign never appear in the message.
  expect(error.message).not.toContain(appSecret);
  expect(error.message).not.toMatch(/[0-9a-f]{64}/);
  return error.message;
}

describe("verifyNotification", () => {
  describe.each(["payment", "refund", "payout"] as const)("a valid %s notification", (kind: NotificationKind) => {
    const s = signed(envelope(examples[kind]));

    it("verifies from a string body, typed by kind", async () => {
      const notification = await verifyNotification(options(s));
      expect(notification).toEqual({ kind, data: examples[kind], timestamp: now, nonce, delivery: null });
    });

    it("verifies from the raw bytes (a Buffer and a plain Uint8Array)", async () => {
      const bytes = Buffer.from(s.body as string);
      await expect(verifyNotification(options({ ...s, body: bytes }))).resolves.toMatchObject({ kind });
      await expect(verifyNotification(options({ ...s, body: new Uint8Array(bytes) }))).resolves.toMatchObject({ kind });
    });
  });

  it("narrows data by kind", async () => {
    const notification = await verifyNotification(options(signed(envelope(examples.refund))));
    if (notification.kind !== "refund") throw new Error("expected a refund");
    expect(notification.data.refundNo).toBe("RF20261127110512000001");
  });

  it("keeps fields the contract does not list (responses are open)", async () => {
    const data = { ...examples.payment, newField: { nested: true } };
    await expect(verifyNotification(options(signed(envelope(data))))).resolves.toMatchObject({ data });
  });

  describe("key rotation", () => {
    const s = signed(envelope(examples.payment));

    it("passes when any of several secrets matches, in any position", async () => {
      for (const secrets of [
        [appSecret, "old-secret"],
        ["new-secret", appSecret],
        ["a", "b", appSecret],
      ]) {
        await expect(verifyNotification(options(s, { appSecret: secrets }))).resolves.toMatchObject({
          kind: "payment",
        });
      }
    });

    it("fails when none matches", async () => {
      await expectReason(options(s, { appSecret: ["new-secret", "old-secret"] }), "bad_signature");
    });
  });

  describe("the clock window", () => {
    const tolerance = 300_000;

    it.each([
      ["exactly the tolerance old", now - tolerance],
      ["exactly the tolerance ahead", now + tolerance],
    ])("accepts a notification %s (the window is inclusive)", async (_case, timestamp) => {
      await expect(
        verifyNotification(options(signed(envelope(examples.payment), { timestamp }))),
      ).resolves.toMatchObject({ timestamp });
    });

    it.each([
      ["1 ms too old", now - tolerance - 1, "older than this server's clock"],
      ["1 ms too far ahead", now + tolerance + 1, "ahead of this server's clock"],
      ["a day old", now - 86_400_000, "older"],
    ])("refuses a notification %s", async (_case, timestamp, words) => {
      const message = await expectReason(options(signed(envelope(examples.payment), { timestamp })), "stale_timestamp");
      expect(message).toContain(words);
      expect(message).toContain("NTP");
    });

    it("honours toleranceMs and a Date for now", async () => {
      const s = signed(envelope(examples.payment), { timestamp: now - 10_000 });
      await expectReason(options(s, { toleranceMs: 9_999 }), "stale_timestamp");
      await expect(verifyNotification(options(s, { toleranceMs: 10_000, now: new Date(now) }))).resolves.toBeDefined();
    });

    it("checks the clock before the signature, so an old capture is refused as stale", async () => {
      const s = signed(envelope(examples.payment), { timestamp: now - 600_000, secret: "wrong" });
      await expectReason(options(s), "stale_timestamp");
    });
  });

  describe("replay protection", () => {
    it("refuses a nonce seen within the window, and the same request without a store is not remembered", async () => {
      const s = signed(envelope(examples.payment));
      await expect(verifyNotification(options(s))).resolves.toBeDefined();
      await expect(verifyNotification(options(s))).resolves.toBeDefined();
      const nonceStore = new MemoryNonceStore();
      await expect(verifyNotification(options(s, { nonceStore }))).resolves.toBeDefined();
      const message = await expectReason(options(s, { nonceStore }), "replayed_nonce");
      expect(message).toContain("fresh nonce");
    });

    it("lets exactly one of two concurrent deliveries of the same nonce through", async () => {
      const nonceStore = new MemoryNonceStore();
      const s = signed(envelope(examples.payment));
      const results = await Promise.allSettled([
        verifyNotification(options(s, { nonceStore })),
        verifyNotification(options(s, { nonceStore })),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    });

    it("remembers the nonce per appId, until the timestamp leaves the window", async () => {
      const claims: [string, number][] = [];
      const nonceStore = { claim: (key: string, ttlMs: number) => (claims.push([key, ttlMs]), true) };
      await verifyNotification(
        options(signed(envelope(examples.payment), { timestamp: now - 100_000 }), { nonceStore }),
      );
      expect(claims).toEqual([[`${appId}:${nonce}`, 200_001]]);
    });

    it("accepts an asynchronous store, and a store's failure is not a verification error", async () => {
      const s = signed(envelope(examples.payment));
      await expect(verifyNotification(options(s, { nonceStore: { claim: async () => true } }))).resolves.toBeDefined();
      await expectReason(options(s, { nonceStore: { claim: async () => false } }), "replayed_nonce");
      const broken = { claim: async () => Promise.reject(new Error("redis is down")) };
      await expect(verifyNotification(options(s, { nonceStore: broken }))).rejects.toThrow("redis is down");
    });

    it("does not let a forged notification burn a nonce", async () => {
      const nonceStore = new MemoryNonceStore();
      const forged = signed(envelope(examples.payment), { secret: "attacker" });
      await expectReason(options(forged, { nonceStore }), "bad_signature");
      expect(nonceStore.size).toBe(0);
      await expect(
        verifyNotification(options(signed(envelope(examples.payment)), { nonceStore })),
      ).resolves.toBeDefined();
    });
  });

  describe("refusals, in the order of the checks", () => {
    const s = signed(envelope(examples.payment));

    it.each([
      ["undefined", undefined],
      ["null", null],
      ["empty", ""],
    ])("missing_header for an Authorization header that is %s", async (_case, authorization) => {
      const message = await expectReason(options(s, { authorization }), "missing_header");
      expect(message).toContain("proxy");
    });

    it.each([
      ["another scheme", "Bearer abc"],
      ["a space after a comma", s.authorization.replace(",sign", ", sign")],
      ["a missing nonce", s.authorization.replace(/,nonce=.*$/, "")],
      ["an uppercase sign", s.authorization.replace(s.sign, s.sign.toUpperCase())],
    ])("malformed_header for %s", async (_case, authorization) => {
      await expectReason(options(s, { authorization }), "malformed_header");
    });

    it("app_id_mismatch for a notification signed for another appId", async () => {
      const other = signed(envelope(examples.payment), { appId: "another-app" });
      const message = await expectReason(options(other), "app_id_mismatch");
      expect(message).toContain("sandbox and production");
    });

    it("bad_signature for the wrong secret, with the checklist", async () => {
      const message = await expectReason(options(s, { appSecret: "not-the-secret" }), "bad_signature");
      expect(message).toContain("raw request body");
      expect(message).toContain("notifyUrl");
    });

    it("invalid_body only after the signature: an unsigned bad body is a bad signature", async () => {
      await expectReason(options(s, { body: "not json" }), "bad_signature");
      await expectReason(options(signed("not json")), "invalid_body");
    });
  });

  describe("diagnoses the classic mistakes", () => {
    const s = signed(envelope(examples.payment));

    it.each([
      ["a parsed object", JSON.parse(s.body as string)],
      ["an array", []],
      ["a number", 42],
    ])("a body that is %s: invalid_body, pass the raw body, before anything else", async (_case, body) => {
      const message = await expectReason(options(s, { body, authorization: undefined }), "invalid_body");
      expect(message).toMatch(/raw (request )?body/);
    });

    it.each([
      [
        "re-serialized with indentation",
        (body: string) => JSON.stringify(JSON.parse(body), null, 2),
        /re-serialized \(compact JSON\.stringify output\)/,
      ],
      ["with a newline added", (body: string) => `${body}\n`, /without its trailing newline/],
    ])("a body %s: bad_signature naming what changed", async (_case, change, message) => {
      const text = await expectReason(options(s, { body: change(s.body as string) }), "bad_signature");
      expect(text).toMatch(message);
      expect(text).not.toContain(appSecret);
    });

    it("a parsed object is called out as such", async () => {
      const message = await expectReason(options(s, { body: JSON.parse(s.body as string) }), "invalid_body");
      expect(message).toContain("parsed object");
      expect(message).toContain("express.raw");
    });

    it("an ArrayBuffer is to be wrapped", async () => {
      const message = await expectReason(options(s, { body: new ArrayBuffer(4) }), "invalid_body");
      expect(message).toContain("new Uint8Array(arrayBuffer)");
    });

    it.each([
      ["a trailing newline", `${appSecret}\n`],
      ["surrounding spaces", `  ${appSecret} `],
      ["a CRLF", `${appSecret}\r\n`],
    ])("a secret with %s", async (_case, secret) => {
      const message = await expectReason(options(s, { appSecret: secret }), "bad_signature");
      expect(message).toContain("whitespace");
      expect(message).toContain("Trim the secret");
      // In a rotation list too.
      await expect(expectReason(options(s, { appSecret: ["other", secret] }), "bad_signature")).resolves.toContain(
        "whitespace",
      );
    });

    it.each([
      ["http instead of https (a TLS-terminating proxy)", "http://merchant.example.com/gateway/notify?shop=42"],
      ["a trailing slash added by a router", "https://merchant.example.com/gateway/notify/?shop=42"],
    ])("a notifyUrl with %s", async (_case, configured) => {
      const message = await expectReason(options(s, { notifyUrl: configured }), "bad_signature");
      expect(message).toContain("notifyUrl configured here differs from the one signed");
      expect(message).toContain("proxy");
    });

    it("names the difference of the URL it found", async () => {
      const plain = signed(envelope(examples.payment), { url: "https://shop.example/notify" });
      const cases: [string, string][] = [
        ["http://shop.example/notify", "with https:// instead of http://"],
        ["https://shop.example/notify/", "without the trailing slash"],
        ["https://shop.example/notify?x=1", "without the query string"],
        [" https://shop.example/notify", "without the surrounding whitespace"],
      ];
      for (const [configured, words] of cases) {
        await expect(expectReason(options(plain, { notifyUrl: configured }), "bad_signature")).resolves.toContain(
          words,
        );
      }
    });

    it("a body decoded lossily from non-UTF-8 bytes", async () => {
      const bytes = Buffer.from([
        ...Buffer.from('{"code":"OK","errorMessage":null,"data":{"paymentNo":"P'),
        0xe9,
        ...Buffer.from('"}}'),
      ]);
      const s2 = signed(new Uint8Array(bytes));
      const message = await expectReason(options(s2, { body: bytes.toString("utf8") }), "bad_signature");
      expect(message).toContain("U+FFFD");
      // And the exact bytes are signed but are not UTF-8: refused as a body.
      await expectReason(options(s2), "invalid_body");
    });
  });

  describe("tampering", () => {
    const s = signed(envelope(examples.payment));

    it("fails for a changed amount, status, URL, timestamp or nonce", async () => {
      await expectReason(options(s, { body: (s.body as string).replace("100.05", "900.05") }), "bad_signature");
      await expectReason(options(s, { body: (s.body as string).replace('"PAID"', '"FAIL"') }), "bad_signature");
      await expectReason(options(s, { notifyUrl: `${notifyUrl}&x` }), "bad_signature");
      await expectReason(
        options(s, { authorization: s.authorization.replace(s.timestamp, String(now + 1)) }),
        "bad_signature",
      );
      await expectReason(
        options(s, { authorization: s.authorization.replace(nonce, "0".repeat(32)) }),
        "bad_signature",
      );
    });

    it("fails for bytes appended to the body", async () => {
      for (const suffix of ["x", "}", ',"status":"PAID"}', "\u0000"]) {
        await expectReason(options(s, { body: `${s.body as string}${suffix}` }), "bad_signature");
      }
    });

    it("refuses a real length-extension forgery: the sign is valid, the body is not", async () => {
      const original = canonicalContent({
        appId,
        appSecret,
        url: notifyUrl,
        timestamp: s.timestamp,
        nonce,
        body: s.body,
      });
      // The attacker's body: the original, the content's final "\n", SHA-256's padding, and a suffix.
      const suffix = Buffer.from(',"status":"PAID"}');
      const body = new Uint8Array([...Buffer.from(s.body as string), 0x0a, ...padding(original.length), ...suffix]);
      const sign = extendSign(s.sign, original.length, new Uint8Array([...suffix, 0x0a]));
      // The forgery is a valid signature: the content hashes to it, without knowing the secret.
      const content = canonicalContent({ appId, appSecret, url: notifyUrl, timestamp: s.timestamp, nonce, body });
      expect(createHash("sha256").update(content).digest("hex")).toBe(sign);

      const authorization = formatAuthorization({ appId, sign, timestamp: s.timestamp, nonce });
      const message = await expectReason(options(s, { body, authorization }), "invalid_body");
      expect(message).toContain("UTF-8");
      // With replay protection on, the reused nonce is refused too, before the body is looked at.
      const nonceStore = new MemoryNonceStore();
      await verifyNotification(options(s, { nonceStore }));
      await expectReason(options(s, { body, authorization, nonceStore }), "replayed_nonce");
    });
  });

  describe("configuration errors are TypeErrors, not refusals", () => {
    const s = signed(envelope(examples.payment));

    it.each([
      ["an empty notifyUrl", { notifyUrl: "" }],
      ["a missing appId", { appId: undefined }],
      ["a missing secret", { appSecret: undefined }],
      ["an empty secret", { appSecret: "" }],
      ["an empty rotation list", { appSecret: [] }],
      ["a rotation list with a non-string", { appSecret: [appSecret, 42] }],
      ["a negative tolerance", { toleranceMs: -1 }],
    ])("%s", async (_case, extra) => {
      const error = await verifyNotification(options(s, extra)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).not.toContain(appSecret);
    });
  });
});

describe("the known-answer vectors (spec/vectors/signature.json)", () => {
  const notifications = vectors.filter(isNotification);

  it("include notifications of more than one kind", () => {
    expect(notifications.length).toBeGreaterThanOrEqual(2);
  });

  describe.each(notifications.map((v) => [v.name, v] as const))("notification vector: %s", (_name, v) => {
    const opts = {
      body: v.body,
      authorization: v.authorization,
      notifyUrl: v.url,
      appId: v.appId,
      appSecret: v.appSecret,
      now: Number(v.timestamp),
    };

    it("verifies with verifyNotification at its own timestamp", async () => {
      const notification = await verifyNotification(opts);
      expect(notification.timestamp).toBe(Number(v.timestamp));
      expect(notification.nonce).toBe(v.nonce);
      expect(notification.data).toEqual(JSON.parse(v.body as string).data);
    });

    it("fails one byte off, and outside the window", async () => {
      await expect(verifyNotification({ ...opts, body: `${v.body as string} x` })).rejects.toMatchObject({
        reason: "bad_signature",
      });
      await expect(verifyNotification({ ...opts, now: Number(v.timestamp) + 300_001 })).rejects.toMatchObject({
        reason: "stale_timestamp",
      });
    });
  });

  describe.each(vectors.filter((v) => !isNotification(v)).map((v) => [v.name, v] as const))(
    "other vector: %s",
    (_name, v) => {
      const opts = {
        body: v.body,
        authorization: v.authorization,
        notifyUrl: v.url,
        appId: v.appId,
        appSecret: v.appSecret,
        now: Number(v.timestamp),
      };

      it("passes the signature check and is refused only as a body, never as a signature", async () => {
        // Every vector is a POST, the one method a notification has (its line is in the content).
        expect(v.method).toBe("POST");
        const error = await verifyNotification(opts).catch((e: unknown) => e);
        expect(error).toMatchObject({ reason: "invalid_body" });
      });
    },
  );

  it("the kind of the refund vector is refund (refundNo beats paymentNo)", async () => {
    const v = vectors.find((x) => x.name.includes("refund notification"))!;
    const notification = await verifyNotification({
      body: v.body,
      authorization: v.authorization,
      notifyUrl: v.url,
      appId: v.appId,
      appSecret: v.appSecret,
      now: Number(v.timestamp),
    });
    expect(notification.kind).toBe("refund");
  });

  it("the vector whose secret has surrounding whitespace passes with that exact secret only", async () => {
    const v = vectors.find((x) => x.name.includes("surrounding whitespace"))!;
    expect(v.appSecret).not.toBe(v.appSecret.trim());
    const opts = {
      body: v.body,
      authorization: v.authorization,
      notifyUrl: v.url,
      appId: v.appId,
      now: Number(v.timestamp),
    };
    await expect(verifyNotification({ ...opts, appSecret: v.appSecret })).rejects.toMatchObject({
      reason: "invalid_body",
    });
    await expect(verifyNotification({ ...opts, appSecret: v.appSecret.trim() })).rejects.toMatchObject({
      reason: "bad_signature",
    });
  });
});
