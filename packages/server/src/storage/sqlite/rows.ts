// Conversions between SQLite values and records. The connection reads every INTEGER as a bigint
// (so money is exact); times and counters become numbers here.

/** A row as better-sqlite3 returns it. */
export type Row = Record<string, unknown>;

/** An INTEGER column as a number (times, counters). */
export function num(value: unknown): number {
  return typeof value === "bigint" ? Number(value) : (value as number);
}

/** A nullable INTEGER column as a number or null. */
export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

/** An INTEGER money column as a bigint. */
export function big(value: unknown): bigint {
  return typeof value === "bigint" ? value : BigInt(value as number);
}

/** A nullable TEXT column. */
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : (value as string);
}

/** SQLite has no booleans. */
export function bool(value: unknown): boolean {
  return value === 1n || value === 1 || value === true;
}
