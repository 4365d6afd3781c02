// The report of a run: its shape (also what --json prints) and the text a person reads, one line
// per case.

import { CASES, type CaseId } from "./cases.js";

/** One case's result. */
export interface CaseResult {
  readonly id: CaseId;
  readonly group: string;
  readonly title: string;
  readonly status: "pass" | "fail" | "skip";
  /** What was seen (pass, fail) or why it did not run (skip). */
  readonly detail: string;
  readonly durationMs: number;
}

/** What {@link certifyIntegration} returns. */
export interface CertifyReport {
  /** True when no case failed. */
  readonly ok: boolean;
  readonly target: {
    readonly notifyUrl: string;
    readonly returnUrl: string | null;
    readonly gatewayUrl: string;
    readonly appId: string;
  };
  /** In the order of the case list. */
  readonly results: readonly CaseResult[];
  readonly counts: { readonly passed: number; readonly failed: number; readonly skipped: number };
  /** The whole run's wall time. */
  readonly durationMs: number;
}

const MARKS = { pass: "pass", fail: "FAIL", skip: "skip" } as const;

/**
 * The report as text: a header, one line per case grouped as in the case list, and a footer with
 * the counts and the time.
 */
export function formatReport(report: CertifyReport): string {
  const lines = [
    `gatekit-gateway certify: ${report.target.notifyUrl} ` +
      `(appId ${report.target.appId}, gateway ${report.target.gatewayUrl})`,
  ];
  let group = "";
  const width = Math.max(...CASES.map((entry) => entry.id.length));
  for (const result of report.results) {
    if (result.group !== group) {
      group = result.group;
      lines.push("", `${group}`);
    }
    lines.push(`  ${MARKS[result.status]}  ${result.id.padEnd(width)}  ${result.detail}`);
  }
  const { passed, failed, skipped } = report.counts;
  lines.push(
    "",
    `${passed} passed, ${failed} failed, ${skipped} skipped in ` +
      `${(report.durationMs / 1000).toFixed(2)} s${failed > 0 ? ": the integration is not ready" : ""}`,
    "",
  );
  return lines.join("\n");
}

/** The report as JSON, for scripts. */
export function reportJson(report: CertifyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
