// A clock tests move by hand, so expiry, scenario delays and the clock window are walked through
// without waiting.

/** A settable clock. */
export interface TestClock {
  readonly now: () => number;
  advance(ms: number): void;
  set(epochMs: number): void;
}

/** 2026-11-27T10:50:44.123+08:00, the contract's example time. */
export const START_TIME = Date.parse("2026-11-27T10:50:44.123+08:00");

/** A clock at `start`, moving only when told. */
export function testClock(start: number = START_TIME): TestClock {
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}
