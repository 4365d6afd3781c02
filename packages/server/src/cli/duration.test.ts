import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "./duration.js";

describe("parseDuration", () => {
  it.each<[string, number]>([
    ["90s", 90_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["1h30m", 5_400_000],
    ["1d2h3m4s5ms", 93_784_005],
    ["250ms", 250],
    ["0s", 0],
  ])("reads %s as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "2", "h", "1.5h", "30m1h", "1h1h", "-1h", "1 h", "1w", "1hh", "99999999999999999d"])(
    "refuses %j with a reason",
    (text) => {
      expect(parseDuration(text)).toEqual({ problem: expect.stringContaining("is not a duration") });
    },
  );

  it("reads back whatever formatDuration writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => parseDuration(formatDuration(ms)) === ms),
    );
  });
});
