// `gatekit-gateway outcome` and `resend` against a real gateway process.

import { until } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProcess } from "../../test/cli.js";
import { type Merchant, paymentBody, signedCall, startMerchant } from "../../test/shop.js";
import { TEST_MERCHANT, TEST_TOKEN, envFor, failureLine, runCli, startTestGateway } from "../../test/run-cli.js";

let gateway: CliProcess;
let shop: Merchant;
let sequence = 0;

beforeAll(async () => {
  // No retries: a refused notification fails at once, for resend --all-failed.
  [gateway, shop] = await Promise.all([startTestGateway(["--notify-retry-delays", ""]), startMerchant()]);
  shop.credentials = TEST_MERCHANT;
});
afterAll(async () => {
  await gateway?.kill();
  await shop?.close();
});

async function newPayment(): Promise<string> {
  const created = await signedCall<{ paymentNo: string }>(
    `${gateway.apiBase}/v2/payment/create`,
    paymentBody(`OUT-${++sequence}`, shop),
    TEST_MERCHANT,
  );
  return created.data.paymentNo;
}

const cli = (args: string[]) => runCli(args, { env: envFor(gateway) });

describe("gatekit-gateway outcome", () => {
  it("moves a pending payment and prints what was notified", async () => {
    const paymentNo = await newPayment();
    const run = await cli(["outcome", paymentNo, "paid"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^payment ${paymentNo} is PAID\\n {2}notified {8}NTF\\d+ payment PAID -> ${shop.notifyUrl}`),
    );
  });

  it("passes --error-code and --error-info with a FAILED payment", async () => {
    const paymentNo = await newPayment();
    const run = await cli([
      "outcome",
      paymentNo,
      "FAILED",
      "--error-code",
      "Payment.Common.Risk_Rejected",
      "--error-info",
      "Too risky",
      "--json",
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      changed: true,
      data: { payment: { status: "FAILED", errorCode: "Payment.Common.Risk_Rejected" } },
    });
  });

  it("says when the object already had the status", async () => {
    const paymentNo = await newPayment();
    await cli(["outcome", paymentNo, "CLOSED"]);
    const again = await cli(["outcome", paymentNo, "CLOSED"]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`payment ${paymentNo} is CLOSED (it already was: nothing changed)`);
  });

  it.each<[string, (id: string) => string[], RegExp]>([
    [
      "a finished payment",
      (id) => ["outcome", id, "PAID"],
      new RegExp(
        /refused: payment PAY\d+ is already CLOSED; only a PENDING payment can be moved\. /.source +
          /A finished payment keeps its status; create a new one/.source,
      ),
    ],
    [
      "a status of another kind",
      (id) => ["outcome", id, "REFUNDED"],
      /a payment can be moved to PAID, FAILED, CLOSED, not "REFUNDED"/,
    ],
    [
      "an unknown id",
      () => ["outcome", "PAY20260101000000000000000", "PAID"],
      /no payment with paymentNo PAY20260101000000000000000/,
    ],
    [
      "an id of no kind",
      () => ["outcome", "ORDER-1", "PAID"],
      /"ORDER-1" is not a paymentNo \(PAY…\), refundNo \(RF…\) or payoutNo \(PO…\)/,
    ],
    [
      "an unknown refund",
      () => ["outcome", "RF20260101000000000000000", "FAILED"],
      /no refund with refundNo RF20260101000000000000000/,
    ],
  ])("explains the refusal of %s in one line", async (_, args, message) => {
    const paymentNo = await newPayment();
    await cli(["outcome", paymentNo, "CLOSED"]);
    expect(failureLine(await cli(args(paymentNo)))).toMatch(message);
  });
});

describe("gatekit-gateway resend", () => {
  it("resends one notification, and every failed one with --all-failed", async () => {
    shop.mode = "error";
    const paymentNo = await newPayment();
    await cli(["outcome", paymentNo, "PAID"]);
    const list = async () =>
      JSON.parse((await cli(["deliveries", "--object", paymentNo, "--json"])).stdout) as Array<{
        id: string;
        status: string;
        attempts: number;
      }>;
    const [failed] = await until(async () => {
      const notifications = await list();
      return notifications[0]?.status === "failed" ? notifications : undefined;
    }, "the notification to fail");
    shop.mode = "ok";
    const one = await cli(["resend", failed!.id]);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(
      new RegExp(`^${failed!.id} {2}payment ${paymentNo} -> ${shop.notifyUrl}: due .* \\(after 1 attempt\\)`),
    );
    await until(async () => (await list())[0]?.status === "delivered", "the resent notification to be delivered");

    shop.mode = "error";
    const second = await newPayment();
    await cli(["outcome", second, "FAILED"]);
    await until(
      async () => JSON.parse((await cli(["deliveries", "--status", "failed", "--json"])).stdout).length > 0,
      "a failed notification",
    );
    shop.mode = "ok";
    const all = await cli(["resend", "--all-failed"]);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^Resent 1 failed notification\.\n/);
    const none = await cli(["resend", "--all-failed"]);
    expect(none.stdout).toBe("No failed notifications to resend.\n");
  });

  it.each<[string, string[], RegExp]>([
    ["an unknown id", ["resend", "NTF000"], /no notification NTF000/],
    ["both an id and --all-failed", ["resend", "NTF000", "--all-failed"], /give a notification id or --all-failed/],
    ["neither", ["resend"], /give a notification id or --all-failed/],
  ])("refuses %s in one line", async (_, args, message) => {
    expect(failureLine(await cli(args))).toMatch(message);
  });

  it("never prints the control token, even when the gateway refuses it", async () => {
    const run = await runCli(["resend", "--all-failed", "--control-token", "wrong-token-123"], {
      env: { GATEKIT_GATEWAY_URL: gateway.origin },
    });
    expect(failureLine(run, [TEST_TOKEN, "wrong-token-123"])).toMatch(/refused the control token/);
    expect(run.stderr).not.toContain(TEST_TOKEN);
  });
});
