// An interleaved comparison: the calls run in short alternating blocks (the order flipped every
// round), and each block's time is divided by the baseline's block of the same round. Medians of
// those ratios hold up on a busy machine, where tinybench's one-stretch-per-task hz drift apart
// with whatever else runs. CPU time (user + system of this process, which also runs the server) is
// reported beside wall time, being the less disturbed by other processes.

export interface PairedResult {
  /** Median per-call time of each contender, in microseconds. */
  readonly wallUs: Readonly<Record<string, number>>;
  readonly cpuUs: Readonly<Record<string, number>>;
  /** Median of per-round ratios to the baseline (1.10 = 10% slower). */
  readonly wallRatio: Readonly<Record<string, number>>;
  readonly cpuRatio: Readonly<Record<string, number>>;
}

/** Runs `contenders` interleaved; the first one is the baseline. */
export async function measurePaired(
  contenders: Readonly<Record<string, () => Promise<unknown>>>,
  { rounds = 30, block = 150, warmup = 300 }: { rounds?: number; block?: number; warmup?: number } = {},
): Promise<PairedResult> {
  const names = Object.keys(contenders);
  const baseline = names[0]!;
  const wall: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) for (let i = 0; i < warmup; i++) await contenders[name]!();
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      const call = contenders[name]!;
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < block; i++) await call();
      wall[name]!.push(((performance.now() - start) * 1000) / block);
      const used = process.cpuUsage(cpuStart);
      cpu[name]!.push((used.user + used.system) / block);
    }
  }
  const ratio = (times: Record<string, number[]>, name: string) =>
    median(times[name]!.map((time, round) => time / times[baseline]![round]!));
  return {
    wallUs: Object.fromEntries(names.map((name) => [name, median(wall[name]!)])),
    cpuUs: Object.fromEntries(names.map((name) => [name, median(cpu[name]!)])),
    wallRatio: Object.fromEntries(names.map((name) => [name, ratio(wall, name)])),
    cpuRatio: Object.fromEntries(names.map((name) => [name, ratio(cpu, name)])),
  };
}

/** The result as a few readable lines. */
export function describePaired(title: string, result: PairedResult): string {
  const lines = Object.keys(result.wallUs).map((name) => {
    const wall = result.wallUs[name]!;
    const overhead = (ratio: number) => `${ratio >= 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)}%`;
    return (
      `  ${name.padEnd(48)} ${(1e6 / wall).toFixed(0).padStart(6)} hz  ` +
      `${wall.toFixed(0).padStart(5)} µs/call (${overhead(result.wallRatio[name]!)})  cpu ` +
      `${result.cpuUs[name]!.toFixed(0).padStart(5)} µs (${overhead(result.cpuRatio[name]!)})`
    );
  });
  return [`interleaved, ${title}: medians, overhead against the first line`, ...lines].join("\n");
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
