import { createHash } from "node:crypto";
import { expectedContent, vectors } from "@gatekit/testing";
import { describe, expect, it } from "vitest";
import * as universal from "./index.js";
import * as nodeEntry from "./node.js";

describe("the known-answer vectors", () => {
  it("are loaded, including one with a raw byte body", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(10);
    expect(vectors.some((v) => v.body instanceof Uint8Array)).toBe(true);
  });

  describe.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    it("has the canonical content of the seven lines", () => {
      const content = universal.canonicalContent(v);
      expect(Buffer.from(content).equals(Buffer.from(expectedContent(v)))).toBe(true);
      expect(createHash("sha256").update(content).digest("hex")).toBe(v.sign);
    });

    it("signs and verifies through Web Crypto (the universal entry)", async () => {
      await expect(universal.sign(v)).resolves.toBe(v.sign);
      await expect(universal.verify({ ...v, sign: v.sign })).resolves.toBe(true);
    });

    it("signs and verifies through node:crypto (the Node entry)", async () => {
      await expect(nodeEntry.sign(v)).resolves.toBe(v.sign);
      await expect(nodeEntry.verify({ ...v, sign: v.sign })).resolves.toBe(true);
    });

    it("signs and verifies synchronously", () => {
      expect(nodeEntry.signSync(v)).toBe(v.sign);
      expect(nodeEntry.verifySync({ ...v, sign: v.sign })).toBe(true);
    });

    it("fails verification when the body changes by one byte", async () => {
      const body = typeof v.body === "string" ? `${v.body} ` : new Uint8Array([...v.body, 0]);
      await expect(universal.verify({ ...v, body, sign: v.sign })).resolves.toBe(false);
      expect(nodeEntry.verifySync({ ...v, body, sign: v.sign })).toBe(false);
    });

    it("has an Authorization header that parses to its parts and formats back", () => {
      const parts = universal.parseAuthorization(v.authorization);
      expect(parts).toEqual({ appId: v.appId, sign: v.sign, timestamp: v.timestamp, nonce: v.nonce });
      expect(universal.formatAuthorization(parts)).toBe(v.authorization);
    });

    it("is reproduced by signRequest with the same clock and nonce", async () => {
      const options = { ...v, now: Number(v.timestamp), nonce: v.nonce };
      const expected = {
        authorization: v.authorization,
        appId: v.appId,
        sign: v.sign,
        timestamp: v.timestamp,
        nonce: v.nonce,
      };
      await expect(universal.signRequest(options)).resolves.toEqual(expected);
      await expect(nodeEntry.signRequest(options)).resolves.toEqual(expected);
      expect(nodeEntry.signRequestSync(options)).toEqual(expected);
    });
  });
});
