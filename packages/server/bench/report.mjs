// The HTTP benchmark's summary: the table of runs, the peak RSS of each process, the ratios
// against the bare route and Prism from the same run, and the targets met or not.

/**
 * Prints the summary. `results` are the measured runs, `peaks` each backend's gateway VmHWM (MB),
 * `prism` (when its run was wanted) its process tree's VmHWM or why it was skipped.
 */
export function printReport({ results, peaks, barePeak, prism, setting }) {
  const baseline = results.find((r) => r.run === "bare route") ?? { requestsPerSecond: Number.NaN };
  const table = results.map((r) => ({
    backend: r.backend,
    run: r.run,
    "req/s": Math.round(r.requestsPerSecond),
    "vs bare": `${((r.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(0)}%`,
    "p50 ms": r.p50Ms,
    "p99 ms": r.p99Ms,
    "max ms": r.maxMs,
    requests: r.total,
    errors: r.errors,
    "RSS peak in run MB": r.rssPeakDuringRunMb?.toFixed(1),
  }));
  console.log(`\n${setting}`);
  console.table(table);
  console.log(
    `peak RSS (VmHWM) per gateway process: ${Object.entries(peaks)
      .map(([backend, mb]) => `${backend} ${mb.toFixed(1)} MB`)
      .join(", ")}; bare route ${barePeak.toFixed(1)} MB` +
      (prism?.peak === undefined ? "" : `; Prism (process tree) ${prism.peak.toFixed(1)} MB`),
  );
  // The server issue's targets, on the embedded default.
  const create = results.find((r) => r.backend === "sqlite" && r.run === "payment/create") ?? {
    requestsPerSecond: Number.NaN,
    p99Ms: Number.NaN,
  };
  const query = results.find((r) => r.backend === "sqlite" && r.run === "payment/query") ?? {
    requestsPerSecond: Number.NaN,
    p99Ms: Number.NaN,
  };
  const targets = [
    ["sqlite: create ≥ 35% of bare", create.requestsPerSecond >= 0.35 * baseline.requestsPerSecond],
    ["sqlite: query ≥ 50% of bare", query.requestsPerSecond >= 0.5 * baseline.requestsPerSecond],
    ["sqlite: p99 < 25 ms (create, query)", create.p99Ms < 25 && query.p99Ms < 25],
    ["sqlite: gateway peak RSS < 200 MB", (peaks.sqlite ?? Number.NaN) < 200],
    ["no errors", results.every((r) => r.errors === 0)],
  ];
  const prismRow = results.find((r) => r.backend.startsWith("prism"));
  const times = (a, b) => `${(a / b).toFixed(2)}x`;
  if (Number.isFinite(create.requestsPerSecond))
    console.log(
      `sqlite payment/create: ${times(create.requestsPerSecond, baseline.requestsPerSecond)} of bare route req/s` +
        (prismRow
          ? `; vs Prism: ${times(create.requestsPerSecond, prismRow.requestsPerSecond)} req/s, ` +
            `p99 ${create.p99Ms} ms vs ${prismRow.p99Ms} ms, ` +
            `peak RSS ${times(peaks.sqlite ?? Number.NaN, prism.peak)} ` +
            `(${(peaks.sqlite ?? Number.NaN).toFixed(1)} MB vs ${prism.peak.toFixed(1)} MB)`
          : ""),
    );
  if (prismRow) {
    targets.push(
      ["sqlite: create ≥ 2.5x Prism's req/s", create.requestsPerSecond >= 2.5 * prismRow.requestsPerSecond],
      ["sqlite: create p99 below Prism's", create.p99Ms < prismRow.p99Ms],
      ["sqlite: gateway peak RSS below Prism's", (peaks.sqlite ?? Number.NaN) < prism.peak],
    );
  } else if (prism) {
    console.log(`– Prism skipped, its targets unchecked: ${prism.skipped}`);
  }
  for (const [what, met] of targets) console.log(`${met ? "✓" : "✗"} ${what}`);
  if (process.env.BENCH_JSON)
    console.log(
      JSON.stringify(
        {
          results,
          gatewayPeakRssMb: peaks,
          bareRssMb: barePeak,
          prismPeakRssMb: prism?.peak,
          prismSkipped: prism?.skipped,
        },
        null,
        2,
      ),
    );
}
