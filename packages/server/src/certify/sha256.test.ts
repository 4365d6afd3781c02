import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extendSha256, sha256Padding } from "./sha256.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const concat = (...parts: Uint8Array[]) => Buffer.concat(parts);

describe("SHA-256 length extension", () => {
  it("pads every message to a whole number of 64-byte blocks, with its length in bits at the end", () => {
    for (const length of [0, 1, 55, 56, 63, 64, 119, 120, 1000]) {
      const padding = sha256Padding(length);
      expect((length + padding.byteLength) % 64).toBe(0);
      expect(padding[0]).toBe(0x80);
      expect(new DataView(padding.buffer).getBigUint64(padding.byteLength - 8)).toBe(BigInt(length * 8));
    }
  });

  it(
    "computes the digest node:crypto gives for message, padding and suffix, " +
      "knowing only the message's digest and length",
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (message, suffix) => {
          const { glue, digest } = extendSha256(sha256(message), message.byteLength, suffix);
          expect(digest).toBe(sha256(concat(message, glue, suffix)));
        }),
      );
    },
  );

  it("refuses a digest that is not 64 hex characters", () => {
    expect(() => extendSha256("abc", 3, new Uint8Array())).toThrow(RangeError);
  });
});
