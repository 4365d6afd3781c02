// Timestamps and the clock window. A receiver refuses a request stamped more than the tolerance
// away from its own clock, in either direction: an old stamp may be a replay, a future one comes
// from a clock that is wrong (and would otherwise stretch the replay window).

import { AuthCode } from "./errors.js";
import { isTimestamp } from "./grammar.js";

/** The gateway's window: five minutes either way. */
export const DEFAULT_TOLERANCE_MS = 300_000;

/** Options for {@link checkClock}. */
export interface ClockOptions {
  /** The receiver's clock (epoch ms or a Date); defaults to `Date.now()`. */
  readonly now?: number | Date | undefined;
  /** How far the timestamp may be from `now`, inclusive, either way. Defaults to 300 000 (5 min). */
  readonly toleranceMs?: number | undefined;
}

/**
 * The verdict of {@link checkClock}. `skewMs` is timestamp − now: positive when the sender's
 * clock is ahead. A refusal carries the gateway code to answer with.
 */
export type ClockCheck =
  | { readonly ok: true; readonly skewMs: number }
  | {
      readonly ok: false;
      readonly reason: "too_old" | "too_new";
      readonly skewMs: number;
      readonly code: typeof AuthCode.SignTimeout;
    }
  | { readonly ok: false; readonly reason: "malformed"; readonly code: typeof AuthCode.InvalidSign };

/**
 * Checks a request's timestamp against the clock, in both directions. Returns a verdict instead
 * of throwing, because an out-of-window request is an expected event that a server answers, not
 * a bug. A timestamp that is not epoch milliseconds as digits is `malformed`. Throws a
 * RangeError only for a caller's bug: an invalid `now` or a negative or non-finite `toleranceMs`.
 */
export function checkClock(timestamp: string, options: ClockOptions = {}): ClockCheck {
  const { now = Date.now(), toleranceMs = DEFAULT_TOLERANCE_MS } = options;
  if (!Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new RangeError(`toleranceMs must be a finite number of milliseconds, 0 or more, got ${toleranceMs}.`);
  }
  if (!isTimestamp(timestamp)) return { ok: false, reason: "malformed", code: AuthCode.InvalidSign };
  const skewMs = Number(timestamp) - epochMs(now, "now");
  if (skewMs < -toleranceMs) return { ok: false, reason: "too_old", skewMs, code: AuthCode.SignTimeout };
  if (skewMs > toleranceMs) return { ok: false, reason: "too_new", skewMs, code: AuthCode.SignTimeout };
  return { ok: true, skewMs };
}

/**
 * The timestamp for a request: epoch milliseconds as a decimal string, from `now` (a number or a
 * Date; a fraction is dropped) or the clock. Throws a RangeError for a negative or invalid time.
 */
export function createTimestamp(now: number | Date = Date.now()): string {
  return String(epochMs(now, "now"));
}

function epochMs(now: number | Date, name: string): number {
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== "number" || !Number.isSafeInteger(Math.floor(ms)) || ms < 0) {
    throw new RangeError(
      `${name} must be a valid, non-negative epoch time in milliseconds or a Date, got ${String(now)}.`,
    );
  }
  return Math.floor(ms);
}
