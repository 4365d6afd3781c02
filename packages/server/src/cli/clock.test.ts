// `gatekit-gateway clock` against a real gateway process: reading it, and advancing it so an
// expired payment closes and a notification retry hours away happens now.

import { until } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProcess } from "../../test/cli.js";
import { type Merchant, paymentBody, signedCall, startMerchant } from "../../test/shop.js";
import { TEST_MERCHANT, TEST_TOKEN, envFor, failureLine, runCli, startTestGateway } from "../../test/run-cli.js";

let gateway: CliProcess;
let shop: Merchant;

beforeAll(async () => {
  [gateway, shop] = await Promise.all([startTestGateway(["--notify-retry-delays", "7200"]), startMerchant()]);
  shop.credentials = TEST_MERCHANT;
});
afterAll(async () => {
  await gateway?.kill();
  await shop?.close();
});

const cli = (args: string[]) => runCli(args, { env: envFor(gateway) });
const control = async (path: string) =>
  (
    (await (
      await fetch(`${gateway.origin}/__gateway${path}`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })
    ).json()) as { data: Record<string, any> }
  ).data;

describe("gatekit-gateway clock", () => {
  it("shows the clock, advances it, closes an expired payment and brings a retry forward", async () => {
    const shown = await cli(["clock"]);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/gateway now {5}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d\d:\d\d\n {2}real now/);

    // A payment left pending, and a notification that failed its first attempt, retried in 2 h.
    const pending = await signedCall<{ paymentNo: string }>(
      `${gateway.apiBase}/v2/payment/create`,
      paymentBody("CLOCK-1", shop),
      TEST_MERCHANT,
    );
    shop.mode = "error";
    const paid = await signedCall<{ paymentNo: string }>(
      `${gateway.apiBase}/v2/payment/create`,
      paymentBody("CLOCK-2", shop),
      TEST_MERCHANT,
    );
    expect((await cli(["outcome", paid.data.paymentNo, "PAID"])).status).toBe(0);
    await until(() => shop.received.length === 1, "the first attempt");
    shop.mode = "ok";

    const advanced = await cli(["clock", "advance", "2h"]);
    expect(advanced.stderr).toBe("");
    expect(advanced.status).toBe(0);
    expect(advanced.stdout).toMatch(/^Advanced the clock by 2h\.\n/);
    expect(advanced.stdout).toMatch(/advanced by {5}2h\n/);
    expect(advanced.stdout).toMatch(/moved {11}1 payment, 0 refunds, 0 payouts\n/);
    expect((await control(`/payments/${pending.data.paymentNo}`)).payment.status).toBe("CLOSED");
    await until(
      () =>
        shop.received.some(
          (received) => received.answered === "ok" && received.notification?.data.paymentNo === paid.data.paymentNo,
        ),
      "the retry",
    );

    const json = JSON.parse((await cli(["clock", "show", "--json"])).stdout) as { offsetMs: number };
    expect(json.offsetMs).toBe(7_200_000);
  });

  it.each<[string[], RegExp]>([
    [["clock", "advance"], /clock advance needs a duration/],
    [["clock", "advance", "2 hours"], /"2 hours" is not a duration/],
    [["clock", "advance", "0s"], /only moves forward/],
    [["clock", "rewind", "1h"], /unknown action "rewind"/],
  ])("refuses %j in one line with exit code 2", async (args, message) => {
    const run = await cli(args);
    expect(run.status).toBe(2);
    expect(failureLine(run)).toMatch(message);
  });
});
