import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGatewayTime, GatewayTimeError, isGatewayTime, parseGatewayTime } from "./time.js";

describe("gateway times", () => {
  it.each([
    ["2026-11-27T10:50:44.123+08:00", "2026-11-27T02:50:44.123Z"],
    ["2026-11-27T10:50:44+08:00", "2026-11-27T02:50:44.000Z"],
    ["2026-11-27T00:10:00.000+08:00", "2026-11-26T16:10:00.000Z"],
    ["2026-11-27T10:50:44.123-03:00", "2026-11-27T13:50:44.123Z"],
    ["2024-02-29T23:59:59.999+00:00", "2024-02-29T23:59:59.999Z"],
    ["0050-01-01T00:00:00+00:00", "0050-01-01T00:00:00.000Z"],
  ])("reads %s as the instant %s", (value, iso) => {
    expect(parseGatewayTime(value).toISOString()).toBe(iso);
  });

  it.each([
    "2026-11-27T10:50:44Z",
    "2026-11-27T10:50:44.123Z",
    "2026-11-27 10:50:44+08:00",
    "2026-11-27T10:50:44.12+08:00",
    "2026-11-27T10:50:44+0800",
    "2026-11-27",
    "2025-02-29T00:00:00+08:00",
    "2026-13-01T00:00:00+08:00",
    "2026-11-27T24:00:00+08:00",
    "2026-11-27T10:60:00+08:00",
    "2026-11-27T10:50:44+08:60",
    "",
  ])("refuses %j", (value) => {
    expect(() => parseGatewayTime(value)).toThrow(GatewayTimeError);
    expect(isGatewayTime(value)).toBe(false);
  });

  it("writes the gateway's +08:00 offset with milliseconds by default", () => {
    expect(formatGatewayTime(new Date("2026-11-27T02:50:44.123Z"))).toBe("2026-11-27T10:50:44.123+08:00");
  });

  it("writes other offsets and can leave out milliseconds", () => {
    const date = new Date("2026-11-27T02:50:44.123Z");
    expect(formatGatewayTime(date, { offsetMinutes: -180, milliseconds: false })).toBe("2026-11-26T23:50:44-03:00");
    expect(formatGatewayTime(date, { offsetMinutes: 330 })).toBe("2026-11-27T08:20:44.123+05:30");
  });

  it("refuses an invalid date and an impossible offset", () => {
    expect(() => formatGatewayTime(new Date(Number.NaN))).toThrow(/invalid Date/);
    expect(() => formatGatewayTime(new Date(0), { offsetMinutes: 1440 })).toThrow(/Offset 1440/);
  });

  it("round-trips any instant through every offset", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-02T00:00:00Z"), max: new Date("9999-12-30T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -1439, max: 1439 }),
        (date, offsetMinutes) => {
          const text = formatGatewayTime(date, { offsetMinutes });
          expect(isGatewayTime(text)).toBe(true);
          expect(parseGatewayTime(text).getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it("never throws anything but GatewayTimeError on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        try {
          parseGatewayTime(value);
        } catch (error) {
          expect(error).toBeInstanceOf(GatewayTimeError);
        }
      }),
    );
  });
});
