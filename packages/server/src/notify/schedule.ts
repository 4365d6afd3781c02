// When a notification is tried next. Pure: the worker passes the clock in, so the schedule is
// tested as a table without waiting for anything.

import type { AttemptOutcome, NotificationStatus } from "../storage/notifications.js";

/** The default retry delays in seconds: 15 s, 1 min, 5 min, 15 min, 1 h, 2 h, 6 h (8 attempts in all). */
export const DEFAULT_RETRY_DELAYS_SECONDS: readonly number[] = Object.freeze([15, 60, 300, 900, 3600, 7200, 21600]);

/** The default retry delays in milliseconds. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = Object.freeze(
  DEFAULT_RETRY_DELAYS_SECONDS.map((s) => s * 1000),
);

/** What the outbox row becomes after an attempt. */
export interface NextState {
  readonly status: NotificationStatus;
  /** Epoch ms of the next attempt; for a finished notification, the time it finished. */
  readonly nextAttemptAt: number;
  readonly deliveredAt: number | null;
}

/** The inputs of {@link nextState}. */
export interface NextStateInput {
  /** The number of the attempt that just ended, 1 for the first. */
  readonly attempt: number;
  readonly outcome: AttemptOutcome;
  /** When the attempt ended (epoch ms). */
  readonly now: number;
  /** The delay before each retry: `retryDelaysMs[n - 1]` follows failed attempt `n`. */
  readonly retryDelaysMs: readonly number[];
}

/**
 * The state after an attempt: `delivered` when acknowledged; otherwise `pending` again after the
 * delay that follows this attempt; `failed` once the attempt was the last one the schedule allows
 * (`retryDelaysMs.length + 1` attempts in all). An attempt past the schedule (a notification
 * resent by hand after it failed) gets no further retries: each resend is one more try.
 */
export function nextState(input: NextStateInput): NextState {
  const { attempt, outcome, now, retryDelaysMs } = input;
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt must be a whole number from 1, got ${attempt}.`);
  if (outcome === "acknowledged") return { status: "delivered", nextAttemptAt: now, deliveredAt: now };
  const delay = retryDelaysMs[attempt - 1];
  if (delay === undefined) return { status: "failed", nextAttemptAt: now, deliveredAt: null };
  return { status: "pending", nextAttemptAt: now + delay, deliveredAt: null };
}

/** Checks a retry schedule: whole, non-negative milliseconds. Throws a RangeError saying which entry is wrong. */
export function checkRetryDelays(retryDelaysMs: readonly number[]): readonly number[] {
  retryDelaysMs.forEach((delay, index) => {
    if (!Number.isInteger(delay) || delay < 0) {
      throw new RangeError(`retry delay ${index + 1} must be a whole number of milliseconds, 0 or more, got ${delay}.`);
    }
  });
  return retryDelaysMs;
}
