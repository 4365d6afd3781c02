// certify against real servers on loopback: a reference gateway and a deliberately naive merchant
// that fails exactly the cases its mistakes should, and the bad inputs a run must survive.

import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type Listening } from "../cli/serve.js";
import { createGateway, type Gateway } from "../gateway.js";
import { MERCHANT } from "../../test/index.js";
import { CASE_IDS } from "./cases.js";
import { CertifyOptionsError, type CertifyOptions } from "./options.js";
import type { CertifyReport } from "./report.js";
import { certifyIntegration } from "./runner.js";
import { CertifyProblem } from "./transport.js";
import { type NaiveMerchant, startNaiveMerchant } from "../../test/naive-merchant.js";

let gateway: Gateway;
let server: Listening;
let naive: NaiveMerchant;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  gateway = createGateway({
    db: ":memory:",
    merchants: [{ ...MERCHANT }],
    logger: "silent",
    notifyRetryDelaysMs: [],
    docsPath: null,
  });
  await gateway.ready;
  server = await listen({ fetch: (request, env) => gateway.fetch(request, env), port: 0, host: "127.0.0.1" });
  naive = await startNaiveMerchant({ gatewayApiBase: `${server.origin}/pg`, ...MERCHANT });
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await naive?.close();
  await server?.close(0);
  await gateway?.close();
});

function certify(
  merchant: Pick<NaiveMerchant, "notifyUrl" | "returnUrl" | "orderUrl" | "statusUrl">,
  extra: Partial<CertifyOptions> = {},
): Promise<CertifyReport> {
  return certifyIntegration({
    notifyUrl: merchant.notifyUrl,
    returnUrl: merchant.returnUrl,
    gatewayUrl: server.origin,
    merchant: MERCHANT,
    orderSource: { url: merchant.orderUrl },
    statusSource: { url: merchant.statusUrl },
    ...extra,
  });
}

const byStatus = (report: CertifyReport, status: "pass" | "fail" | "skip") =>
  report.results.filter((result) => result.status === status).map((result) => result.id);
const detailOf = (report: CertifyReport, id: string) => report.results.find((result) => result.id === id)?.detail ?? "";

describe("certify against a naive merchant", () => {
  it("fails exactly the cases its mistakes break, and passes the others", async () => {
    const report = await certify(naive);
    const failing = [
      // No de-duplication: every accepted delivery is processed again.
      "duplicate-sequential",
      "duplicate-concurrent",
      "retry-fresh-nonce",
      // The notification's status becomes the order's, whatever the order is.
      "out-of-order-failed-after-paid",
      "out-of-order-pending-after-paid",
      // The sign is checked over JSON.stringify(JSON.parse(body)) with the header's appId, by a lenient parser.
      "forged-reserialized-body",
      "forged-other-app-id",
      "forged-malformed-authorization",
      // No nonce check, no clock window, no body limit.
      "replay-original-nonce",
      "clock-past-outside",
      "clock-future-outside",
      "body-oversized",
      // The return page believes its query string.
      "return-page-query-status",
    ];
    expect(byStatus(report, "fail")).toEqual(failing);
    expect(byStatus(report, "pass")).toEqual(CASE_IDS.filter((id) => !failing.includes(id)));
    expect(report.ok).toBe(false);
    // At least twice: the gateway's own delivery of the same notification may count once more.
    expect(detailOf(report, "duplicate-sequential")).toMatch(
      /processed the order's notification [23] times; it must be once/,
    );
    expect(detailOf(report, "out-of-order-failed-after-paid")).toContain("the order is FAILED");
    expect(detailOf(report, "forged-reserialized-body")).toMatch(/acknowledged it/);
    expect(detailOf(report, "clock-past-outside")).toMatch(/acknowledged it/);
    expect(detailOf(report, "return-page-query-status")).toContain("Thank you, your order is paid");
    // The length extension's sign is valid, but its body is no JSON: even this merchant refuses it.
    expect(detailOf(report, "forged-length-extension")).toContain("HTTP 400");
  });

  it(
    "fails only the replay, duplicate, ordering and return-page cases of one that verifies right but " +
      "remembers nothing",
    async () => {
      const careless = await startNaiveMerchant({
        gatewayApiBase: `${server.origin}/pg`,
        ...MERCHANT,
        verification: "raw",
      });
      cleanups.push(() => careless.close());
      const report = await certify(careless);
      expect(byStatus(report, "fail")).toEqual([
        "duplicate-sequential",
        "duplicate-concurrent",
        "retry-fresh-nonce",
        "out-of-order-failed-after-paid",
        "out-of-order-pending-after-paid",
        "replay-original-nonce",
        "return-page-query-status",
      ]);
      expect(byStatus(report, "skip")).toEqual([]);
    },
  );

  it("reports a handler slower than the timeout as a failure with the latency it measured", async () => {
    const slow = await startNaiveMerchant({ gatewayApiBase: `${server.origin}/pg`, ...MERCHANT, delayMs: 700 });
    cleanups.push(() => slow.close());
    const report = await certify(slow, { only: ["latency-within-timeout"], timeoutMs: 500 });
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ id: "latency-within-timeout", status: "fail" });
    expect(detailOf(report, "latency-within-timeout")).toMatch(
      /(answered after|no answer within) \d+(\.\d+)? s?m?s?.*beyond the gateway's 500 ms timeout/,
    );
  });
});

describe("certify with bad input", () => {
  it("refuses a notify URL that is not http(s), before sending anything", async () => {
    await expect(certify({ ...naive, notifyUrl: "ftp://127.0.0.1/notify" })).rejects.toThrow(
      new CertifyOptionsError(
        'notifyUrl must be an http:// or https:// URL, not ftp:// (got "ftp://127.0.0.1/notify").',
      ),
    );
    await expect(certify(naive, { only: ["no-such-case"] })).rejects.toThrow(/there is no case "no-such-case"/);
  });

  it("says so in one line when the gateway cannot be reached", async () => {
    const port = await closedPort();
    await expect(certify(naive, { gatewayUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(CertifyProblem);
    await expect(certify(naive, { gatewayUrl: `http://127.0.0.1:${port}` })).rejects.toThrow(
      /control API \(GET http:\/\/127\.0\.0\.1:\d+\/__gateway\/health\) could not be reached: connect ECONNREFUSED/,
    );
  });

  it("fails every case, naming what was received, when the notify URL is unreachable", async () => {
    const port = await closedPort();
    const report = await certify(
      { ...naive, notifyUrl: `http://127.0.0.1:${port}/notify` },
      {
        only: ["genuine-paid", "forged-wrong-secret"],
        orderSource: undefined,
        statusSource: undefined,
        returnUrl: undefined,
      },
    );
    expect(byStatus(report, "fail")).toEqual(["genuine-paid", "forged-wrong-secret"]);
    for (const result of report.results) expect(result.detail).toContain("ECONNREFUSED");
  });

  it("fails the cases of a merchant that answers HTML, quoting the page", async () => {
    const html = await startNaiveMerchant({ gatewayApiBase: `${server.origin}/pg`, ...MERCHANT, html: true });
    cleanups.push(() => html.close());
    const report = await certify(html, { only: ["genuine-paid", "forged-wrong-secret"] });
    expect(byStatus(report, "fail")).toEqual(["genuine-paid"]);
    expect(detailOf(report, "genuine-paid")).toContain("HTTP 200 without the acknowledgement");
    expect(detailOf(report, "genuine-paid")).toContain("<!doctype html>");
  });

  it("fails a case whose status source answers garbage, saying what it answered", async () => {
    const report = await certify(naive, {
      only: ["genuine-paid"],
      statusSource: { command: "echo 'this is not json'" },
    });
    expect(report.results[0]).toMatchObject({ id: "genuine-paid", status: "fail" });
    expect(detailOf(report, "genuine-paid")).toContain(
      'the status source answered "this is not json", which is not JSON',
    );
  });

  it("fails a case whose order source answers garbage or a payment the gateway does not have", async () => {
    const garbage = await certify(naive, {
      only: ["genuine-paid"],
      orderSource: { command: `echo '{"merchantTradeNo": 1}'` },
    });
    expect(detailOf(garbage, "genuine-paid")).toBe(
      'could not run: the order source answered "{\\"merchantTradeNo\\": 1}", ' +
        'which lacks "merchantTradeNo" and "paymentNo" as strings',
    );
    const unknown = await certify(naive, {
      only: ["genuine-paid"],
      orderSource: { command: `echo '{"merchantTradeNo": "ORD-1", "paymentNo": "PAY-UNKNOWN"}'` },
    });
    expect(detailOf(unknown, "genuine-paid")).toBe(
      `could not run: the gateway at ${server.origin} has no payment PAY-UNKNOWN: ` +
        "does the shop talk to this gateway? Pass the one it uses with --url",
    );
  });

  it("skips the state checks, saying why, without an order source or a status source", async () => {
    const report = await certify(naive, {
      only: ["genuine-paid", "duplicate-sequential", "forged-wrong-secret"],
      orderSource: undefined,
    });
    expect(byStatus(report, "pass")).toEqual(["genuine-paid", "forged-wrong-secret"]);
    expect(detailOf(report, "genuine-paid")).toContain("certify created the order itself");
    expect(byStatus(report, "skip")).toEqual(["duplicate-sequential"]);
    expect(detailOf(report, "duplicate-sequential")).toContain("processing once needs the order's state");
    const withoutStatus = await certify(naive, { only: ["out-of-order-failed-after-paid"], statusSource: undefined });
    expect(withoutStatus.results[0]).toMatchObject({
      status: "skip",
      detail: expect.stringContaining("no status source (--status-url or --status-command)"),
    });
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
