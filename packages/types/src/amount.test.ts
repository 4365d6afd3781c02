import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AmountError,
  addAmounts,
  compareAmounts,
  fromMinorUnits,
  isAmount,
  subtractAmounts,
  toMinorUnits,
} from "./amount.js";

describe("amounts", () => {
  it.each([
    ["0.00", 0n],
    ["0.01", 1n],
    ["100.05", 10005n],
    ["999999999999999.99", 99999999999999999n],
    ["000000000000001.10", 110n],
  ])("reads %s as %d minor units", (amount, minor) => {
    expect(toMinorUnits(amount)).toBe(minor);
  });

  it.each([
    "",
    "1",
    "1.0",
    "1.000",
    ".50",
    "1.",
    "-1.00",
    "+1.00",
    "1,00",
    " 1.00",
    "1.00 ",
    "1e2.00",
    "1000000000000000.00",
    "١.٠٠",
    "0x1.00",
  ])("refuses %j with an error that shows the expected format", (amount) => {
    expect(() => toMinorUnits(amount)).toThrow(AmountError);
    expect(() => toMinorUnits(amount)).toThrow(/exactly two decimals, for example "100.05"/);
  });

  it("refuses values that are not strings without echoing them as amounts", () => {
    expect(() => toMinorUnits(100.05 as unknown as string)).toThrow(/A number is not a gateway amount/);
    expect(isAmount(null)).toBe(false);
  });

  it.each([
    [0n, "0.00"],
    [5n, "0.05"],
    [10005n, "100.05"],
    [99999999999999999n, "999999999999999.99"],
  ])("writes %d minor units as %s", (minor, amount) => {
    expect(fromMinorUnits(minor)).toBe(amount);
  });

  it("refuses negative and oversized minor units", () => {
    expect(() => fromMinorUnits(-1n)).toThrow(/never negative/);
    expect(() => fromMinorUnits(10n ** 17n)).toThrow(/15 integer digits/);
  });

  it("adds without the float error that 0.1 + 0.2 shows", () => {
    expect(addAmounts("0.10", "0.20")).toBe("0.30");
    expect(addAmounts()).toBe("0.00");
  });

  it("compares and subtracts exactly, refusing a negative result", () => {
    expect(compareAmounts("10.00", "9.99")).toBe(1);
    expect(compareAmounts("0.01", "0.01")).toBe(0);
    expect(compareAmounts("9.99", "10.00")).toBe(-1);
    expect(subtractAmounts("10.00", "9.99")).toBe("0.01");
    expect(() => subtractAmounts("9.99", "10.00")).toThrow(AmountError);
  });

  it("round-trips every amount through minor units", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n - 1n }), (minor) => {
        const amount = fromMinorUnits(minor);
        expect(isAmount(amount)).toBe(true);
        expect(toMinorUnits(amount)).toBe(minor);
      }),
    );
  });

  it("never accepts a string the pattern rejects", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const valid = /^\d{1,15}\.\d{2}$/.test(value);
        expect(isAmount(value)).toBe(valid);
        if (!valid) expect(() => toMinorUnits(value)).toThrow(AmountError);
      }),
    );
  });
});
