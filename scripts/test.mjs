// `npm test`: the whole suite, from a fresh clone. Installs what is missing, then checks the
// contract and the code (lint, types, builds, cache), runs every vitest project once, and ends
// with the plain `N passed, N failed` line that CI reads.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureChromium, ensurePostgres, installDependencies, pnpm, pnpmOutput } from "./workspace.mjs";

installDependencies();
ensureChromium();
await ensurePostgres();

console.log("› lint, format, typecheck, build (packages and docs)");
pnpm(["exec", "turbo", "run", "lint", "format:check", "typecheck", "build", "--output-logs=errors-only"]);

// Everything was just built, so a second build must be served entirely from turbo's cache:
// a miss means a task's inputs or outputs are declared wrongly.
const plan = pnpmOutput(["exec", "turbo", "run", "build", "--dry=json"]);
if (!plan) {
  console.error("✖ turbo could not plan a second build; run `pnpm exec turbo run build --dry` to see why.");
  process.exit(1);
}
const misses = JSON.parse(plan)
  .tasks.filter((task) => task.command !== "<NONEXISTENT>" && task.cache.status !== "HIT")
  .map((task) => task.taskId);
if (misses.length > 0) {
  console.error(`✖ a repeated build is not fully cached; these tasks would run again: ${misses.join(", ")}`);
  process.exit(1);
}

console.log("› tests");
const report = join(mkdtempSync(join(tmpdir(), "gatekit-test-")), "vitest.json");
const tests = pnpm(
  [
    "exec",
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  {
    allowFailure: true,
  },
);

let summary;
try {
  summary = JSON.parse(readFileSync(report, "utf8"));
} catch {
  console.error("✖ vitest wrote no report; see its output above.");
  process.exit(tests.status || 1);
}
const skipped = summary.numPendingTests + summary.numTodoTests;
// A file that fails to load has no failed test in it, but it is a failure all the same.
const failed =
  summary.numFailedTests +
  (summary.numFailedTests === 0 && !summary.success ? Math.max(summary.numFailedTestSuites, 1) : 0);
console.log(`${summary.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(tests.status === 0 && failed === 0 ? 0 : 1);
