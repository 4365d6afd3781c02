// Ratios between benches of one run. vitest's summary ranks a group against its fastest entry;
// the targets are ratios between named entries, so each bench's throughput is kept as it finishes
// (tinybench's `complete` event on the task, in this process) and the comparison is printed once
// every named entry has run.

import type { BenchOptions } from "vitest";

/** The throughput (operations per second) of each named bench that has finished. */
export type Throughputs = ReadonlyMap<string, number>;

/**
 * Returns `measured(name, options)`, bench options that record the bench's throughput under
 * `name`; `report` runs once all of `names` are recorded.
 */
export function comparison(names: readonly string[], report: (hz: Throughputs) => void) {
  const hz = new Map<string, number>();
  return (name: string, options: BenchOptions): BenchOptions => ({
    ...options,
    setup: (task, mode) => {
      if (mode !== "run") return;
      task.addEventListener(
        "complete",
        () => {
          hz.set(name, task.result?.hz ?? Number.NaN);
          if (names.every((each) => hz.has(each))) report(hz);
        },
        { once: true },
      );
    },
  });
}

/** `a / b` as `1.23x`. */
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
