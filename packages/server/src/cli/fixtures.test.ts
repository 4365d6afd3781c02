// `gatekit-gateway fixtures` against a real gateway process: the two example files of the docs
// run green, and a failing step or a bad file is reported with what went wrong and where.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProcess } from "../../test/cli.js";
import { type Merchant, startMerchant } from "../../test/shop.js";
import { TEST_MERCHANT, envFor, failureLine, runCli, startTestGateway } from "../../test/run-cli.js";

const EXAMPLES = fileURLToPath(new URL("../../../../apps/docs/examples/fixtures/", import.meta.url));
let gateway: CliProcess;
let shop: Merchant;
let dir: string;

beforeAll(async () => {
  // payout-declined.json declines its payout in the next step, well within the gateway's
  // default payout delay (1 s) after which the payout would complete by itself.
  [gateway, shop] = await Promise.all([startTestGateway(), startMerchant()]);
  shop.credentials = TEST_MERCHANT;
  dir = mkdtempSync(join(tmpdir(), "gatekit-fixtures-"));
});
afterAll(async () => {
  await gateway?.kill();
  await shop?.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (extra: NodeJS.ProcessEnv = {}) =>
  envFor(gateway, {
    GATEKIT_MERCHANT: `${TEST_MERCHANT.appId}:${TEST_MERCHANT.appSecret}`,
    NOTIFY_URL: shop.notifyUrl,
    ...extra,
  });

function file(name: string, steps: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof steps === "string" ? steps : JSON.stringify(steps));
  return path;
}

describe("gatekit-gateway fixtures", () => {
  it.each(["checkout-and-refund.json", "payout-declined.json"])("runs the docs' example %s green", async (name) => {
    const run = await runCli(["fixtures", join(EXAMPLES, name)], { env: env() });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ok {2}\S+ {2}POST /);
    expect(run.stdout).toMatch(/\n\d+ steps passed\.\n$/);
  });

  it("gives every step's answer with --json, references resolved", async () => {
    const path = file("json.json", [
      { name: "balance", operation: "balance/query", body: { currencies: ["${env:CURRENCY|INR}"] } },
      { name: "merchant", control: "GET /merchants/${env:APP}" },
    ]);
    const run = await runCli(["fixtures", path, "--json"], { env: env({ APP: TEST_MERCHANT.appId }) });
    expect(run.status).toBe(0);
    const answers = JSON.parse(run.stdout);
    expect(answers.balance.data.balanceList[0].currency).toBe("INR");
    expect(answers.merchant.data.appId).toBe(TEST_MERCHANT.appId);
  });

  it("stops at the first step whose code differs, printing its request and response without secrets", async () => {
    const path = file("fails.json", [
      { name: "ok", operation: "balance/query", body: { currencies: ["INR"] } },
      { name: "bad", operation: "payment/query", body: { paymentNo: "PAY00000000000000000000000" } },
      { name: "never", control: "POST /sweep" },
    ]);
    const run = await runCli(["fixtures", path], { env: env() });
    expect(failureLine(run)).toMatch(
      new RegExp(
        /^gatekit-gateway fixtures: step 2 "bad" answered Payment\.\S+, expected OK: /.source +
          /its request and response are printed above$/.source,
      ),
    );
    expect(run.stdout).toContain("ok  ok  POST balance/query  OK\n");
    expect(run.stdout).toMatch(
      new RegExp(
        /Request:\n {2}POST http:\/\/127\.0\.0\.1:\d+\/pg\/v2\/payment\/query\n/.source +
          / {2}authorization: V2_SHA256 appId=shop_cli,sign=\*\*\*\*/.source,
      ),
    );
    expect(run.stdout).toContain('"paymentNo": "PAY00000000000000000000000"');
    expect(run.stdout).toMatch(/Response \(HTTP 200\):\n {2}\{\n {4}"code": "Payment\./);
    expect(run.stdout).not.toContain("never");
  });

  it.each<[string, unknown, RegExp]>([
    ["not JSON", "[{", /\.json is not JSON: /],
    [
      "an unknown field",
      [{ name: "a", control: "POST /sweep", expect: "OK" }],
      /: \$\[0\] has an unknown field "expect"/,
    ],
    [
      "an unknown operation",
      [{ name: "a", operation: "payment/refund" }],
      /: \$\[0\]\.operation must be one of payment\/create, /,
    ],
    [
      "an unknown reference",
      [
        { name: "a", control: "POST /sweep" },
        { name: "b", operation: "payment/query", body: { paymentNo: "${pay.data.paymentNo}" } },
      ],
      new RegExp(
        /step 2 "b" at \$\[1\]\.body\.paymentNo: \$\{pay\.data\.paymentNo\} /.source +
          /refers to no earlier step named "pay"; the earlier steps are a$/.source,
      ),
    ],
    [
      "a field an answer lacks",
      [
        { name: "a", control: "POST /sweep" },
        { name: "b", control: "GET /payments/${a.data.paymentNo}" },
      ],
      /step 2 "b" at \$\[1\]\.control: .*the answer of step "a" has no a\.data\.paymentNo/,
    ],
    [
      "a path outside the control API",
      [{ name: "a", control: "POST /payment/outcome" }],
      /step 1 "a": \/__gateway\/payment\/outcome is not a path of the control API/,
    ],
  ])("refuses a file with %s in one line", async (_, steps, message) => {
    const run = await runCli(["fixtures", file("bad.json", steps)], { env: env() });
    expect(failureLine(run)).toMatch(message);
  });

  it("says when the file does not exist", async () => {
    expect(failureLine(await runCli(["fixtures", join(dir, "missing.json")], { env: env() }))).toMatch(
      /cannot read .*missing\.json: no such file/,
    );
  });
});
