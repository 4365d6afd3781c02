import { describe, expect, it } from "vitest";
import { checkClock, createTimestamp, DEFAULT_TOLERANCE_MS } from "./clock.js";

const now = 1_764_201_600_000;

describe("checkClock", () => {
  it("accepts a timestamp equal to the clock", () => {
    expect(checkClock(String(now), { now })).toEqual({ ok: true, skewMs: 0 });
  });

  it("accepts five minutes either way, inclusive, by default", () => {
    expect(DEFAULT_TOLERANCE_MS).toBe(300_000);
    expect(checkClock(String(now - 300_000), { now })).toEqual({ ok: true, skewMs: -300_000 });
    expect(checkClock(String(now + 300_000), { now })).toEqual({ ok: true, skewMs: 300_000 });
  });

  it("refuses a timestamp more than the tolerance in the past as too_old", () => {
    expect(checkClock(String(now - 300_001), { now })).toEqual({
      ok: false,
      reason: "too_old",
      skewMs: -300_001,
      code: "Common.Auth.Sign_Timeout",
    });
  });

  it("refuses a timestamp more than the tolerance in the future as too_new", () => {
    expect(checkClock(String(now + 300_001), { now })).toEqual({
      ok: false,
      reason: "too_new",
      skewMs: 300_001,
      code: "Common.Auth.Sign_Timeout",
    });
  });

  it("takes a custom tolerance and a Date for now", () => {
    expect(checkClock(String(now + 1_001), { now: new Date(now), toleranceMs: 1_000 })).toMatchObject({
      ok: false,
      reason: "too_new",
    });
    expect(checkClock(String(now + 1_000), { now: new Date(now), toleranceMs: 1_000 })).toMatchObject({ ok: true });
  });

  it("uses the real clock when now is not given", () => {
    expect(checkClock(String(Date.now())).ok).toBe(true);
    expect(checkClock("1").ok).toBe(false);
  });

  it.each([
    "",
    "abc",
    "1764201600.000",
    "-1764201600000",
    " 1764201600000",
    "01764201600000",
    "1e12",
    "0x1",
    "1764201600000000",
  ])("calls %j malformed, with the Invalid_Sign code", (timestamp) => {
    expect(checkClock(timestamp, { now })).toEqual({
      ok: false,
      reason: "malformed",
      code: "Common.Auth.Invalid_Sign",
    });
  });

  it("throws on a tolerance that is not a non-negative number, since that is a bug in the caller", () => {
    expect(() => checkClock(String(now), { now, toleranceMs: -1 })).toThrow(RangeError);
    expect(() => checkClock(String(now), { now, toleranceMs: Number.NaN })).toThrow(RangeError);
  });

  it("throws on an invalid Date for now", () => {
    expect(() => checkClock(String(now), { now: new Date("nope") })).toThrow(/now must be a valid/);
  });
});

describe("createTimestamp", () => {
  it("is epoch milliseconds as digits", () => {
    const before = Date.now();
    const timestamp = createTimestamp();
    expect(timestamp).toMatch(/^[1-9][0-9]{12}$/);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(Date.now());
  });

  it("stamps a given time, from a number or a Date, dropping any fraction", () => {
    expect(createTimestamp(now)).toBe("1764201600000");
    expect(createTimestamp(new Date(now))).toBe("1764201600000");
    expect(createTimestamp(now + 0.9)).toBe("1764201600000");
  });

  it("refuses a time that is not a valid epoch", () => {
    expect(() => createTimestamp(Number.NaN)).toThrow(RangeError);
    expect(() => createTimestamp(-1)).toThrow(RangeError);
    expect(() => createTimestamp(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("is always accepted by checkClock at the same instant", () => {
    expect(checkClock(createTimestamp(now), { now })).toEqual({ ok: true, skewMs: 0 });
  });
});
