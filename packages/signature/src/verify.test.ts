import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { constantTimeEqual } from "./compare.js";
import * as universal from "./index.js";
import * as nodeEntry from "./node.js";
import type { VerifyInput } from "./types.js";

const input = {
  appId: "483f6c9c743b4a9bbd34bee0c9c81eb7",
  appSecret: "19200e1478524aceb629acbc570d15d3",
  url: "https://merchant.example.com/notify",
  timestamp: "1764201600004",
  nonce: "cccccccccccccccccccccccccccccccc",
  body: '{"code":"OK"}',
};
const sign = nodeEntry.signSync(input);
const { timestamp: _timestamp, nonce: _nonce, ...options } = input;

// Every verify there is, so each rule below holds for all of them.
const verifiers: [string, (x: VerifyInput) => boolean | Promise<boolean>][] = [
  ["verify (Web Crypto)", universal.verify],
  ["verify (node:crypto)", nodeEntry.verify],
  ["verifySync", nodeEntry.verifySync],
];

describe.each(verifiers)("%s", (_name, verify) => {
  it("accepts the right sign", async () => {
    expect(await verify({ ...input, sign })).toBe(true);
  });

  it("refuses a sign made with another secret", async () => {
    expect(await verify({ ...input, sign: nodeEntry.signSync({ ...input, appSecret: "other" }) })).toBe(false);
  });

  it.each([
    ["an empty sign", ""],
    ["a sign one character short", sign.slice(1)],
    ["a sign one character long", `${sign}0`],
    ["the right sign in uppercase (the scheme is lowercase hex)", sign.toUpperCase()],
    ["a sign with a non-hex character", `${sign.slice(0, 63)}z`],
    ["a sign with a multibyte character", `${sign.slice(0, 63)}é`],
    ["a sign padded with a space", ` ${sign.slice(1)}`],
  ])("returns false, without throwing, for %s", async (_case, bad) => {
    expect(await verify({ ...input, sign: bad })).toBe(false);
  });

  it.each([
    ["undefined", undefined],
    ["null", null],
    ["a number", 42],
    ["an object", { sign }],
  ])("returns false, without throwing, for a sign that is %s", async (_case, bad) => {
    expect(await verify({ ...input, sign: bad as unknown as string })).toBe(false);
  });

  it("returns false for any string that is not the sign", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.stringMatching(/^[0-9a-fA-F]{64}$/)),
        async (candidate) => {
          fc.pre(candidate !== sign);
          expect(await verify({ ...input, sign: candidate })).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("signRequest", () => {
  it("makes a fresh timestamp and nonce and a header that parses and verifies", async () => {
    const before = Date.now();
    const signed = await universal.signRequest(options);
    expect(Number(signed.timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(signed.timestamp)).toBeLessThanOrEqual(Date.now());
    expect(signed.nonce).toMatch(/^[0-9a-f]{32}$/);
    const parts = universal.parseAuthorization(signed.authorization);
    expect(parts).toEqual({ appId: signed.appId, sign: signed.sign, timestamp: signed.timestamp, nonce: signed.nonce });
    expect(await universal.verify({ ...input, ...parts })).toBe(true);
  });

  it("uses a new nonce every time", async () => {
    const [a, b] = await Promise.all([nodeEntry.signRequest(options), nodeEntry.signRequest(options)]);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.sign).not.toBe(b.sign);
  });

  it("refuses an appId that cannot go into the header, before anything is sent", async () => {
    await expect(universal.signRequest({ ...options, appId: "my app" })).rejects.toMatchObject({
      type: "SignatureError",
      code: "Common.Auth.Invalid_Sign",
    });
    expect(() => nodeEntry.signRequestSync({ ...options, appId: "my app" })).toThrow(/appId must be/);
  });
});

describe("constantTimeEqual", () => {
  it("is true only for equal strings", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "ab")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("agrees with === for any two strings", () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => constantTimeEqual(a, b) === (a === b)));
    fc.assert(fc.property(fc.string(), (a) => constantTimeEqual(a, a)));
  });

  it("is false, not an error, for values that are not strings", () => {
    expect(constantTimeEqual(undefined as unknown as string, "a")).toBe(false);
  });
});

describe("the universal entry without Web Crypto", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("says why signing is impossible (an insecure page) instead of failing on undefined", async () => {
    vi.stubGlobal("crypto", {});
    await expect(universal.sign(input)).rejects.toThrow(/only on HTTPS pages and localhost/);
  });
});
