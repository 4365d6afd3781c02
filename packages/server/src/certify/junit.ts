// The report as JUnit XML, which CI systems show as a test suite: one testcase per case, a
// failure element with what was seen, a skipped element with why.

import type { CertifyReport } from "./report.js";

/** The report as a JUnit XML document. */
export function reportJunit(report: CertifyReport): string {
  const { passed, failed, skipped } = report.counts;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.results.map((result) => {
    const open =
      `    <testcase classname="certify.${xml(result.group)}" name="${xml(result.id)}: ` +
      `${xml(result.title)}" time="${seconds(result.durationMs)}"`;
    if (result.status === "pass")
      return `${open}>\n      <system-out>${xml(result.detail)}</system-out>\n    </testcase>`;
    if (result.status === "skip") return `${open}>\n      <skipped message="${xml(result.detail)}"/>\n    </testcase>`;
    return `${open}>\n      <failure message="${xml(result.detail)}">${xml(result.detail)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gatekit-gateway certify" tests="${passed + failed + skipped}" ` +
      `failures="${failed}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="certify ${xml(report.target.notifyUrl)}" tests="${passed + failed + skipped}" ` +
      `failures="${failed}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

// XML 1.0 allows no control characters but tab, newline and carriage return, even escaped.
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
