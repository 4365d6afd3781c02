import { describe, expect, it } from "vitest";
import { createNonce } from "./nonce.js";
import { parseAuthorization, formatAuthorization } from "./authorization.js";

describe("createNonce", () => {
  it("is 32 lowercase hex characters", () => {
    expect(createNonce()).toMatch(/^[0-9a-f]{32}$/);
  });

  it("does not repeat across many calls", () => {
    const nonces = new Set(Array.from({ length: 10_000 }, createNonce));
    expect(nonces.size).toBe(10_000);
  });

  it("uses every hex digit in every position, as uniform random bytes would", () => {
    const seen = Array.from({ length: 32 }, () => new Set<string>());
    for (let i = 0; i < 2_000; i++) [...createNonce()].forEach((char, at) => seen[at]!.add(char));
    expect(seen.every((digits) => digits.size === 16)).toBe(true);
  });

  it("fits in an Authorization header", () => {
    const parts = { appId: "a", sign: "0".repeat(64), timestamp: "1", nonce: createNonce() };
    expect(parseAuthorization(formatAuthorization(parts))).toEqual(parts);
  });
});
