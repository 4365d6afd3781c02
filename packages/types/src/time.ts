// The gateway writes times as ISO 8601 with an explicit offset (it uses +08:00) and optional
// milliseconds. Responses keep those strings as they are; these helpers convert when asked to.

/** A gateway time such as `2026-11-27T10:50:44.123+08:00` or `2026-11-27T10:50:44+08:00`. */
export type GatewayTimeString = string;

/** The time format of the contract (`GatewayTime` in spec/openapi.yaml). */
export const GATEWAY_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?([+-])(\d{2}):(\d{2})$/;

/** The offset the gateway writes its times in, in minutes east of UTC. */
export const GATEWAY_OFFSET_MINUTES = 8 * 60;

/** Thrown when a string is not a valid gateway time or a date cannot be written as one. */
export class GatewayTimeError extends RangeError {
  /** Always `"GatewayTimeError"`, so the error can be recognised without `instanceof`. */
  readonly type = "GatewayTimeError";
  override readonly name = "GatewayTimeError";
}

/** Options for {@link formatGatewayTime}. */
export interface FormatGatewayTimeOptions {
  /** Offset to write, in minutes east of UTC (−23:59 to +23:59). Defaults to the gateway's +08:00. */
  offsetMinutes?: number;
  /** Whether to write milliseconds. Defaults to true. */
  milliseconds?: boolean;
}

/** Writes `date` as a gateway time, by default `yyyy-MM-ddTHH:mm:ss.SSS+08:00`. */
export function formatGatewayTime(date: Date, options: FormatGatewayTimeOptions = {}): GatewayTimeString {
  const { offsetMinutes = GATEWAY_OFFSET_MINUTES, milliseconds = true } = options;
  const epochMs = date.getTime();
  if (Number.isNaN(epochMs)) throw new GatewayTimeError("Cannot format an invalid Date as a gateway time.");
  if (!Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) >= 24 * 60) {
    throw new GatewayTimeError(`Offset ${offsetMinutes} is not a whole number of minutes between -1439 and 1439.`);
  }
  // Shift the instant so its UTC fields read as the local wall-clock time at that offset.
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < 0 || year > 9999) throw new GatewayTimeError(`Year ${year} cannot be written as a gateway time.`);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const offset = Math.abs(offsetMinutes);
  const fraction = milliseconds ? `.${pad(local.getUTCMilliseconds(), 3)}` : "";
  return (
    `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}` +
    `${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`
  );
}

/** Reads a gateway time into a `Date`. Throws {@link GatewayTimeError} for any other format or an impossible date. */
export function parseGatewayTime(value: GatewayTimeString): Date {
  const match = typeof value === "string" ? GATEWAY_TIME_PATTERN.exec(value) : null;
  if (!match) {
    throw new GatewayTimeError(
      `${JSON.stringify(value)} is not a gateway time: ` +
        `expected ISO 8601 with an offset, such as "2026-11-27T10:50:44.123+08:00".`,
    );
  }
  const [y, mo, d, h, mi, s, ms, oh, om] = [1, 2, 3, 4, 5, 6, 7, 9, 10].map((i) => Number(match[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const sign = match[8];
  // setUTCFullYear, unlike Date.UTC, takes years below 100 literally. Dates roll over
  // (2026-02-30 becomes March 2), so reading the fields back exposes impossible ones.
  const check = new Date(0);
  check.setUTCFullYear(y, mo - 1, d);
  check.setUTCHours(h, mi, s, ms);
  const wallClock = check.getTime();
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59 ||
    oh > 23 ||
    om > 59
  ) {
    throw new GatewayTimeError(`${JSON.stringify(value)} names a date or time that does not exist.`);
  }
  const offset = (sign === "-" ? -1 : 1) * (oh * 60 + om);
  return new Date(wallClock - offset * 60_000);
}

/** True when `value` is a string in the gateway's time format naming a real date. */
export function isGatewayTime(value: unknown): value is GatewayTimeString {
  if (typeof value !== "string") return false;
  try {
    parseGatewayTime(value);
    return true;
  } catch {
    return false;
  }
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}
