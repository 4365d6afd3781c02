// `gatekit-gateway trigger` against a real gateway process, notifying a loopback merchant.

import { until } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProcess } from "../../test/cli.js";
import { type Merchant, startMerchant } from "../../test/shop.js";
import { TEST_MERCHANT, TEST_TOKEN, envFor, failureLine, runCli, startTestGateway } from "../../test/run-cli.js";

let gateway: CliProcess;
let shop: Merchant;
const merchant = `${TEST_MERCHANT.appId}:${TEST_MERCHANT.appSecret}`;

beforeAll(async () => {
  [gateway, shop] = await Promise.all([startTestGateway(), startMerchant()]);
  shop.credentials = TEST_MERCHANT;
});
afterAll(async () => {
  await gateway?.kill();
  await shop?.close();
});

interface Triggered {
  objects: Array<{ kind: string; id: string; status: string }>;
  notifications: Array<{ objectNo: string; kind: string; status: string; body: string; attempts: number }>;
}

async function trigger(args: string[], env: NodeJS.ProcessEnv = { GATEKIT_MERCHANT: merchant }) {
  return runCli(["trigger", ...args, "--notify-url", shop.notifyUrl], { env: envFor(gateway, env) });
}

describe("gatekit-gateway trigger", () => {
  it.each<[string, Array<[string, string]>]>([
    ["payment.paid", [["payment", "PAID"]]],
    ["payment.failed", [["payment", "FAILED"]]],
    ["payment.closed", [["payment", "CLOSED"]]],
    [
      "refund.refunded",
      [
        ["payment", "PAID"],
        ["refund", "REFUNDED"],
      ],
    ],
    [
      "refund.failed",
      [
        ["payment", "PAID"],
        ["refund", "FAILED"],
      ],
    ],
    ["payout.paid", [["payout", "PAID"]]],
    ["payout.failed", [["payout", "FAILED"]]],
  ])("%s creates the objects, drives them there and the merchant is notified", async (scenario, expected) => {
    const run = await trigger([scenario, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as Triggered;
    expect(result.objects.map((object) => [object.kind, object.status])).toEqual(expected);
    const last = result.objects.at(-1)!;
    const notification = result.notifications.find((each) => each.objectNo === last.id)!;
    expect(JSON.parse(notification.body)).toMatchObject({ data: { status: last.status } });
    expect(notification.attempts).toBeGreaterThanOrEqual(1);
    await until(
      () => shop.received.some((received) => received.verified && received.raw === notification.body),
      `the notification of ${last.id}`,
    );
    expect(run.stdout).not.toContain(TEST_MERCHANT.appSecret);
  });

  it("prints the ids and what was notified, without the secret", async () => {
    const run = await trigger(["payment.paid"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^payment\.paid: as merchant shop_cli\n {2}payment {9}PAY\d+ PAID {2}\(TRIGGER-/);
    expect(run.stdout).toMatch(
      new RegExp(
        /notified {8}NTF\d+ payment PAID -> http:\/\/127\.0\.0\.1:\d+\/notify: /.source +
          /delivered, last attempt acknowledged \(HTTP 200\)/.source,
      ),
    );
    expect(run.stdout + run.stderr).not.toContain(TEST_MERCHANT.appSecret);
  });

  it("applies --amount, --currency and --override to the create request", async () => {
    const run = await trigger([
      "payment.failed",
      "--amount",
      "12.34",
      "--currency",
      "BRL",
      "--override",
      "merchantAttach=gift-42",
      "--override",
      "payer.email=b@example.com",
      "--json",
    ]);
    expect(run.status).toBe(0);
    const { objects } = JSON.parse(run.stdout) as Triggered;
    const details = await fetch(`${gateway.origin}/__gateway/payments/${objects[0]!.id}`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    expect(((await details.json()) as { data: { payment: Record<string, unknown> } }).data.payment).toMatchObject({
      amount: "12.34",
      currency: "BRL",
      merchantAttach: "gift-42",
      status: "FAILED",
    });
  });

  it("signs with GATEKIT_APP_ID and GATEKIT_APP_SECRET from the environment", async () => {
    const run = await trigger(["payout.paid"], {
      GATEKIT_APP_ID: TEST_MERCHANT.appId,
      GATEKIT_APP_SECRET: TEST_MERCHANT.appSecret,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("payout.paid: as merchant shop_cli");
  });

  it.each<[string, string[], NodeJS.ProcessEnv | undefined, RegExp]>([
    [
      "an unknown scenario",
      ["payment.refunded"],
      undefined,
      /unknown scenario "payment\.refunded": use one of payment\.paid, /,
    ],
    [
      "an unknown override field",
      ["payment.paid", "--override", "descripton=x"],
      undefined,
      /--override descripton is not a field of PaymentCreateRequest; its fields are merchantTradeNo/,
    ],
    ["a bad amount", ["payment.paid", "--amount", "12.3"], undefined, /--amount must be an amount with two decimals/],
    ["no credentials", ["payment.paid"], {}, /signs as a merchant .* pass --merchant <appId>:<appSecret>/],
    [
      "a wrong secret",
      ["payment.paid"],
      { GATEKIT_MERCHANT: `${TEST_MERCHANT.appId}:not-the-secret-000` },
      /refused the signature of shop_cli on payment\/create: check the appSecret/,
    ],
    [
      "an unknown merchant",
      ["payment.paid"],
      { GATEKIT_MERCHANT: "nobody:whatever-secret-1" },
      /knows no enabled merchant nobody/,
    ],
  ])("refuses %s in one line", async (_, args, env, message) => {
    const run = await trigger(args, env);
    expect(failureLine(run, [TEST_TOKEN, TEST_MERCHANT.appSecret, "not-the-secret-000", "whatever-secret-1"])).toMatch(
      message,
    );
  });
});
