// `gatekit-gateway deliveries` against a real gateway process: the table, the filters, and
// --follow watching a notification fail its first attempt and succeed on the retry.

import { spawn } from "node:child_process";
import { until } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProcess, builtCli } from "../../test/cli.js";
import { type Merchant, paymentBody, signedCall, startMerchant } from "../../test/shop.js";
import { TEST_MERCHANT, envFor, failureLine, runCli, startTestGateway } from "../../test/run-cli.js";

let gateway: CliProcess;
let shop: Merchant;
let sequence = 0;

beforeAll(async () => {
  // One retry, a second after the first attempt.
  [gateway, shop] = await Promise.all([startTestGateway(["--notify-retry-delays", "1"]), startMerchant()]);
  shop.credentials = TEST_MERCHANT;
});
afterAll(async () => {
  await gateway?.kill();
  await shop?.close();
});

const cli = (args: string[]) => runCli(args, { env: envFor(gateway) });

async function paidPayment(): Promise<string> {
  const created = await signedCall<{ paymentNo: string }>(
    `${gateway.apiBase}/v2/payment/create`,
    paymentBody(`DLV-${++sequence}`, shop),
    TEST_MERCHANT,
  );
  expect((await cli(["outcome", created.data.paymentNo, "PAID"])).status).toBe(0);
  return created.data.paymentNo;
}

describe("gatekit-gateway deliveries", () => {
  it("prints the delivery log as a table, filtered by status and kind", async () => {
    const paymentNo = await paidPayment();
    await until(
      async () => (await cli(["deliveries", "--status", "delivered", "--json"])).stdout.includes(paymentNo),
      "the delivery",
    );
    const table = await cli(["deliveries"]);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^ID +KIND +OBJECT +STATUS +ATTEMPTS +LAST +NEXT ATTEMPT\n/);
    expect(table.stdout).toMatch(new RegExp(`NTF\\d+ +payment +${paymentNo} +delivered +1 +200 \\d+ms +-\\n`));
    expect((await cli(["deliveries", "--kind", "payout"])).stdout).toBe("No notifications yet.\n");
    expect((await cli(["deliveries", "--status", "failed"])).stdout).toBe("No notifications yet.\n");
  });

  it("--follow prints each attempt as it happens, a failed one and its retry, and Ctrl-C exits 0", async () => {
    const child = spawn(process.execPath, [builtCli(), "deliveries", "--follow"], {
      env: { ...process.env, ...envFor(gateway) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await until(() => stderr.includes("Following the deliveries of"), "the stream to open");

    // The first attempt is refused; the merchant accepts from the second one on.
    shop.mode = "error";
    const received = shop.received.length;
    const paymentNo = await paidPayment();
    await until(() => shop.received.length > received, "the first attempt");
    shop.mode = "ok";
    await until(() => /attempt .* #2 HTTP 200 acknowledged/.test(stdout), "the retry in the stream");

    const lines = stdout.split("\n").filter((line) => line.includes(paymentNo));
    expect(lines[0]).toMatch(new RegExp(`^enqueued +NTF\\d+ {2}payment ${paymentNo} {2}-> ${shop.notifyUrl}: pending`));
    expect(lines[1]).toMatch(
      /^attempt {3}NTF\d+ {2}payment PAY\d+ {2}#1 HTTP 500 bad_status in \d+ms -> pending, next attempt \d{4}-/,
    );
    expect(lines[2]).toMatch(/^attempt {3}NTF\d+ {2}payment PAY\d+ {2}#2 HTTP 200 acknowledged in \d+ms -> delivered$/);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("--follow --json prints one DeliveryEvent per line", async () => {
    const child = spawn(process.execPath, [builtCli(), "deliveries", "--follow", "--json", "--kind", "payment"], {
      env: { ...process.env, ...envFor(gateway) },
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    // The stream opens asynchronously: keep making payments until one shows up in it.
    const paymentNo = await until(async () => {
      const made = await paidPayment();
      return stdout.includes(made) ? made : undefined;
    }, "an event");
    const event = JSON.parse(stdout.split("\n").find((line) => line.includes(paymentNo))!);
    expect(event).toMatchObject({ notification: { kind: "payment", objectNo: paymentNo } });
    expect(["enqueued", "attempt"]).toContain(event.type);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it.each<[string[], RegExp]>([
    [["deliveries", "--status", "lost"], /--status must be one of pending, delivered, failed, got "lost"/],
    [["deliveries", "--kind", "invoice"], /--kind must be one of payment, refund, payout/],
    [["deliveries", "--limit", "0"], /--limit must be a whole number from 1 to 1000/],
    [["deliveries", "--folow"], /Unknown option '--folow'/],
  ])("refuses %j in one line", async (args, message) => {
    expect(failureLine(await cli(args))).toMatch(message);
  });
});
