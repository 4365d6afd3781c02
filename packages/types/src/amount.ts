// Amounts travel as decimal strings and are compared and added as integer minor units (BigInt):
// a binary float cannot hold 0.1 exactly, and a payment gateway must never be off by a cent.

/** A gateway amount: 1–15 integer digits, a dot and exactly two decimals, such as `"100.05"`. */
export type AmountString = string;

/** The amount format of the contract (`Amount` in spec/openapi.yaml). */
export const AMOUNT_PATTERN = /^\d{1,15}\.\d{2}$/;

/** The largest amount the format can hold, in minor units (15 nines, then two). */
export const MAX_MINOR_UNITS = 10n ** 17n - 1n;

/** Thrown when a value is not a valid gateway amount or cannot become one. */
export class AmountError extends RangeError {
  /** Always `"AmountError"`, so the error can be recognised without `instanceof`. */
  readonly type = "AmountError";
  override readonly name = "AmountError";
}

/** True when `value` is a string in the gateway's amount format. */
export function isAmount(value: unknown): value is AmountString {
  return typeof value === "string" && AMOUNT_PATTERN.test(value);
}

/** Converts `"100.05"` to `10005n`. Throws {@link AmountError} for anything but the exact format. */
export function toMinorUnits(amount: AmountString): bigint {
  if (!isAmount(amount)) {
    throw new AmountError(
      `${describe(amount)} is not a gateway amount: use 1 to 15 digits, ` +
        `a dot and exactly two decimals, for example "100.05".`,
    );
  }
  return BigInt(amount.replace(".", ""));
}

/** Converts `10005n` to `"100.05"`. Throws {@link AmountError} for negatives and values too large for the format. */
export function fromMinorUnits(minorUnits: bigint): AmountString {
  if (typeof minorUnits !== "bigint") {
    throw new AmountError(
      `Minor units must be a bigint, got ${typeof minorUnits}: convert with BigInt() from an integer string.`,
    );
  }
  if (minorUnits < 0n) {
    throw new AmountError(`Gateway amounts are never negative, got ${minorUnits} minor units.`);
  }
  if (minorUnits > MAX_MINOR_UNITS) {
    throw new AmountError(`${minorUnits} minor units is more than the 15 integer digits a gateway amount can hold.`);
  }
  const digits = minorUnits.toString().padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Compares two amounts exactly: negative when `a < b`, zero when equal, positive when `a > b`. */
export function compareAmounts(a: AmountString, b: AmountString): -1 | 0 | 1 {
  const difference = toMinorUnits(a) - toMinorUnits(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** Adds amounts exactly; the sum must still fit the format. */
export function addAmounts(...amounts: AmountString[]): AmountString {
  return fromMinorUnits(amounts.reduce((sum, amount) => sum + toMinorUnits(amount), 0n));
}

/** Subtracts `b` from `a` exactly; throws {@link AmountError} when the result would be negative. */
export function subtractAmounts(a: AmountString, b: AmountString): AmountString {
  return fromMinorUnits(toMinorUnits(a) - toMinorUnits(b));
}

function describe(value: unknown): string {
  if (typeof value !== "string") return `A ${value === null ? "null" : typeof value}`;
  return value.length > 24 ? `"${value.slice(0, 24)}…"` : `"${value}"`;
}
