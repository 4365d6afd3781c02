// Conversions from database values to record fields, for both backends. SQLite (read with safe
// integers) gives INTEGER columns as bigints; PostgreSQL's driver gives BIGINT columns as decimal
// strings, since a JavaScript number cannot hold every 64-bit value. Money becomes an exact
// bigint either way; times and counters become numbers.

/** An integer column as a number (times, counters). */
export function num(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}

/** A nullable integer column as a number or null. */
export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** A money column as a bigint. */
export function big(value: unknown): bigint {
  return typeof value === "bigint" ? value : BigInt(value as string | number);
}

/** A TEXT column, typed as what the table keeps in it (a status, a kind). */
export function text<T extends string = string>(value: unknown): T {
  return value as T;
}

/** A nullable TEXT column. */
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : (value as string);
}

/** A boolean column: PostgreSQL's BOOLEAN, or SQLite's 0 and 1. */
export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n;
}
