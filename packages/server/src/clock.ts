// The gateway's test clock: its notion of now is the real time plus an offset that only grows.
// The offset lives in the store, so instances sharing one database share it; each instance keeps
// the last value it read, because `now()` is called synchronously everywhere (every domain call,
// every worker claim). An advance made here is seen at once; one made by another instance is seen
// at this instance's next refresh (every sweep tick, and every clock call).
//
// Only the domain (expiry, scenario outcomes, refund and payout completion) and the delivery
// schedule run on it. Request signatures, nonces and the timestamps that sign notifications use
// `realNow()`: a moved clock must never widen the replay window.

import type { Store } from "./storage/store.js";

/** The gateway's clock. */
export interface TestClock {
  /** The gateway's notion of now: real time plus the offset (epoch ms). */
  now(): number;
  /** The real time, for signatures and nonces. */
  realNow(): number;
  /** How far the clock has been advanced, as last read. */
  offsetMs(): number;
  /** Reads the shared offset from the store; resolves to it. */
  refresh(): Promise<number>;
  /** Moves the clock forward by `byMs` (positive) for every instance on the store; resolves to the new offset. */
  advance(byMs: number): Promise<number>;
}

/** A test clock over `realNow` whose offset is kept in `store`. */
export function createTestClock(store: Store, realNow: () => number): TestClock {
  let offset = 0;
  // Never backwards, even if a slower read of an older value lands after a newer one.
  const keep = (value: number): number => {
    if (value > offset) offset = value;
    return offset;
  };
  return {
    now: () => realNow() + offset,
    realNow,
    offsetMs: () => offset,
    refresh: async () => keep(await store.transaction((tx) => tx.clock.offset())),
    advance: async (byMs) => {
      if (!Number.isSafeInteger(byMs) || byMs <= 0)
        throw new RangeError(`the clock only moves forward: advance by a positive whole number of ms, got ${byMs}`);
      return keep(await store.transaction((tx) => tx.clock.advance(byMs)));
    },
  };
}
