import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay } from "./retry.js";

describe("retryDelay", () => {
  const backoff = { initialMs: 500, maxMs: 5_000 };
  it("doubles from initialMs up to maxMs, with jitter in [0.5, 1) of the ceiling, never below initialMs", () => {
    expect([1, 2, 3, 4, 5, 6].map((retry) => retryDelay(retry, backoff, () => 0.999999))).toEqual([
      500, 1_000, 2_000, 4_000, 5_000, 5_000,
    ]);
    expect([1, 2, 3, 4, 5].map((retry) => retryDelay(retry, backoff, () => 0))).toEqual([
      500, 500, 1_000, 2_000, 2_500,
    ]);
    for (let i = 0; i < 100; i++) {
      const delay = retryDelay(3, backoff);
      expect(delay).toBeGreaterThanOrEqual(1_000);
      expect(delay).toBeLessThanOrEqual(2_000);
    }
  });
});

describe("parseRetryAfter", () => {
  it("reads delay-seconds and HTTP dates, and nothing else", () => {
    const now = Date.parse("2026-11-27T02:50:44Z");
    expect(parseRetryAfter("3", now)).toBe(3_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Fri, 27 Nov 2026 02:50:54 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Fri, 27 Nov 2026 02:50:00 GMT", now)).toBe(0);
    for (const value of [null, "", "-1", "1.5", "soon", "2026-11-27"])
      expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
