import { describe, expect, it } from "vitest";
import { reportJunit } from "./junit.js";
import { type CertifyReport, formatReport, reportJson } from "./report.js";

const report: CertifyReport = {
  ok: false,
  target: {
    notifyUrl: "http://127.0.0.1:3000/gateway/notify",
    returnUrl: null,
    gatewayUrl: "http://127.0.0.1:8080",
    appId: "demo-shop",
  },
  results: [
    {
      id: "genuine-paid",
      group: "Genuine",
      title: "A genuine notification for a paid payment is acknowledged",
      status: "pass",
      detail: "acknowledged in 4 ms",
      durationMs: 12,
    },
    {
      id: "forged-wrong-secret",
      group: "Forgeries",
      title: "A notification signed with the wrong secret is refused",
      status: "fail",
      detail: 'the notify URL acknowledged it: <b>"OK"</b> & \u0007',
      durationMs: 8,
    },
    {
      id: "return-page-query-status",
      group: "Return page",
      title: "The return page does not trust status=PAID in its query string",
      status: "skip",
      detail: "no --return-url given",
      durationMs: 0,
    },
  ],
  counts: { passed: 1, failed: 1, skipped: 1 },
  durationMs: 1234,
};

describe("the certify report", () => {
  it("reads as one line per case under its group, with the counts and the time at the end", () => {
    const text = formatReport(report);
    expect(text).toContain("\nGenuine\n  pass  genuine-paid ");
    expect(text).toContain("\nForgeries\n  FAIL  forged-wrong-secret ");
    expect(text).toContain("  skip  return-page-query-status ");
    expect(text.trimEnd().split("\n").pop()).toBe(
      "1 passed, 1 failed, 1 skipped in 1.23 s: the integration is not ready",
    );
  });

  it("is JSON that parses back to the report", () => {
    expect(JSON.parse(reportJson(report))).toEqual(report);
  });

  it("is JUnit XML with a failure and a skipped element, every special character escaped", () => {
    const xml = reportJunit(report);
    expect(xml).toContain(
      '<testsuites name="gatekit-gateway certify" tests="3" failures="1" skipped="1" time="1.234">',
    );
    expect(xml).toContain(
      '<failure message="the notify URL acknowledged it: &lt;b&gt;&quot;OK&quot;&lt;/b&gt; &amp; \ufffd">',
    );
    expect(xml).toContain('<skipped message="no --return-url given"/>');
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
  });
});
