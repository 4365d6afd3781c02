import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalContent } from "./content.js";
import { sign } from "./index.js";
import { signSync } from "./node.js";
import type { SignInput } from "./types.js";

const input: SignInput = {
  appId: "app",
  appSecret: "secret",
  url: "https://gateway.example.com/pg/v2/payment/query",
  timestamp: "1714128828114",
  nonce: "n0",
  body: '{"a":1}',
};
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");

describe("canonicalContent", () => {
  it("is the seven lines, each ending in a newline, with POST as the default method", () => {
    expect(text(canonicalContent(input))).toBe(
      'app\nsecret\nPOST\nhttps://gateway.example.com/pg/v2/payment/query\n1714128828114\nn0\n{"a":1}\n',
    );
  });

  it("signs the method exactly as given, without upper-casing it", () => {
    expect(text(canonicalContent({ ...input, method: "post" }))).toContain("\npost\n");
  });

  it("signs a string body as its UTF-8 bytes", () => {
    const bytes = canonicalContent({ ...input, body: "é😀" });
    // "\n" after the nonce, é (2 bytes), 😀 (4 bytes), the final "\n".
    expect([...bytes.slice(-8)]).toEqual([0x0a, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0x0a]);
  });

  it("passes a byte body through untouched, even when it is not valid UTF-8", () => {
    const body = new Uint8Array([0x7b, 0xe9, 0xff, 0x00, 0x7d]);
    const bytes = canonicalContent({ ...input, body });
    expect([...bytes.slice(-6)]).toEqual([...body, 0x0a]);
  });

  it("reads only the viewed bytes of a Uint8Array that is a window on a larger buffer", () => {
    const backing = new Uint8Array([1, 2, 0x41, 0x42, 3, 4]);
    expect(text(canonicalContent({ ...input, body: backing.subarray(2, 4) })).endsWith("\nAB\n")).toBe(true);
  });

  it("gives the same bytes for a string body and its UTF-8 encoding", () => {
    const body = '{"description":"Café 订单"}';
    expect(canonicalContent({ ...input, body })).toEqual(
      canonicalContent({ ...input, body: new TextEncoder().encode(body) }),
    );
  });

  it("refuses a parsed object as the body and says to pass the raw body", () => {
    const bad = { ...input, body: { a: 1 } as unknown as string };
    expect(() => canonicalContent(bad)).toThrow(TypeError);
    expect(() => canonicalContent(bad)).toThrow(/you passed a parsed object; pass the raw body/);
  });

  it("refuses an ArrayBuffer body and says how to wrap it", () => {
    expect(() => canonicalContent({ ...input, body: new ArrayBuffer(2) as unknown as Uint8Array })).toThrow(
      /new Uint8Array\(arrayBuffer\)/,
    );
  });

  it("refuses a missing field instead of signing the word undefined", () => {
    const { nonce: _nonce, ...withoutNonce } = input;
    expect(() => canonicalContent(withoutNonce as SignInput)).toThrow("nonce must be a string, got undefined.");
  });
});

const field = fc.string({ unit: "binary", maxLength: 40 });
const bytes = fc.uint8Array({ maxLength: 64 });
const anyInput = fc.record({
  appId: field,
  appSecret: field,
  method: field,
  url: field,
  timestamp: field,
  nonce: field,
  body: fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), bytes),
});
const NAMES = ["appId", "appSecret", "method", "url", "timestamp", "nonce", "body"] as const;
type Fields = { -readonly [K in (typeof NAMES)[number]]: K extends "body" ? string | Uint8Array : string };

describe("content properties", () => {
  it("any change to any one of the seven inputs changes the sign", () => {
    const change = fc.tuple(anyInput, fc.constantFrom(...NAMES), fc.oneof(field, bytes));
    fc.assert(
      fc.property(change, ([original, name, replacement]) => {
        const before: Fields = { ...original };
        fc.pre(name === "body" || typeof replacement === "string"); // only the body may be bytes
        const after: Fields = { ...before, [name]: replacement };
        // A string body and bytes with the same UTF-8 encoding are the same content, by design.
        const same = (a: string | Uint8Array, b: string | Uint8Array) =>
          Buffer.from(typeof a === "string" ? Buffer.from(a, "utf8") : a).equals(
            Buffer.from(typeof b === "string" ? Buffer.from(b, "utf8") : b),
          );
        fc.pre(!same(before[name], after[name]));
        expect(signSync(after)).not.toBe(signSync(before));
      }),
      { numRuns: 1000 },
    );
  });

  it("Web Crypto and node:crypto give the same sign for any input", async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, async (x) => {
        expect(await sign(x)).toBe(signSync(x));
      }),
      { numRuns: 300 },
    );
  });

  it("Web Crypto and node:crypto agree on a lone surrogate (both sign U+FFFD, as fetch would send it)", async () => {
    const x = { ...input, body: "a\ud800b" };
    expect(await sign(x)).toBe(signSync(x));
    expect(signSync(x)).toBe(signSync({ ...x, body: "a\ufffdb" }));
  });
});
