// What every subcommand shares, as processes: --help, and one clean line (no stack trace, no
// secret, a non-zero exit) for an unreachable gateway, a missing or wrong control token, a URL
// that is no gateway, and an event stream that drops.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { until } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBCOMMANDS } from "./commands.js";
import { type CliProcess, builtCli } from "../../test/cli.js";
import { TEST_MERCHANT, TEST_TOKEN, failureLine, runCli, startTestGateway } from "../../test/run-cli.js";

let gateway: CliProcess;
let closedPort: number;
let notGateway: { url: string; close(): Promise<void> };

beforeAll(async () => {
  gateway = await startTestGateway();
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const other = createServer((_, res) => res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not here</h1>"));
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  notGateway = {
    url: `http://127.0.0.1:${(other.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => other.close(() => resolve())),
  };
});
afterAll(async () => {
  await gateway?.kill();
  await notGateway?.close();
});

const merchant = { GATEKIT_MERCHANT: `${TEST_MERCHANT.appId}:${TEST_MERCHANT.appSecret}` };
// One call per subcommand that talks to the gateway.
const CALLS: Array<[string, string[]]> = [
  ["trigger", ["trigger", "payment.paid"]],
  ["outcome", ["outcome", "PAY20260101000000000000000", "PAID"]],
  ["deliveries", ["deliveries"]],
  ["deliveries --follow", ["deliveries", "--follow"]],
  ["resend", ["resend", "--all-failed"]],
  ["clock", ["clock", "advance", "1h"]],
  [
    "fixtures",
    ["fixtures", new URL("../../../../apps/docs/examples/fixtures/payout-declined.json", import.meta.url).pathname],
  ],
];

describe("every subcommand", () => {
  it.each(SUBCOMMANDS.map((command) => command.name))("%s prints its help and exits 0", async (name) => {
    const run = await runCli(name === "sign" ? ["sign", "explain", "--help"] : [name, "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: gatekit-gateway ${name}`));
  });

  it("is listed in the top-level help", async () => {
    const run = await runCli(["--help"]);
    for (const command of SUBCOMMANDS) expect(run.stdout).toMatch(new RegExp(`\\n {2}${command.name} +\\S`));
  });

  it.each(CALLS)("%s says no gateway answers when none does", async (_, args) => {
    const run = await runCli([...args, "--url", `http://127.0.0.1:${closedPort}`], {
      env: { ...merchant, GATEKIT_CONTROL_TOKEN: TEST_TOKEN },
    });
    expect(failureLine(run)).toBe(
      `gatekit-gateway ${args[0]}: no gateway answers at http://127.0.0.1:${closedPort}: ` +
        `start one with \`gatekit-gateway start\` or pass --url`,
    );
  });

  it.each(CALLS)("%s asks for the control token when none is given", async (_, args) => {
    const run = await runCli([...args, "--url", gateway.origin], { env: merchant });
    expect(failureLine(run)).toMatch(/requires a control token: pass --control-token or set GATEKIT_CONTROL_TOKEN$/);
  });

  it.each(CALLS)("%s says the control token is wrong, without printing it", async (_, args) => {
    const run = await runCli([...args, "--url", gateway.origin, "--control-token", "not-the-token-42"], {
      env: merchant,
    });
    expect(failureLine(run, [TEST_TOKEN, TEST_MERCHANT.appSecret, "not-the-token-42"])).toMatch(
      /refused the control token: pass the one it was started with/,
    );
  });

  it.each(CALLS.filter(([name]) => name !== "fixtures" && name !== "trigger"))(
    "%s says when --url is not a gateway",
    async (_, args) => {
      const run = await runCli([...args, "--url", notGateway.url]);
      expect(failureLine(run)).toMatch(
        /answered HTTP 404 without a control API envelope: is --url a Gatekit gateway's origin\?/,
      );
    },
  );

  it("refuses a --url that is no URL", async () => {
    expect(failureLine(await runCli(["deliveries", "--url", "localhost:8080"]))).toMatch(
      /--url must start with http:\/\/ or https:\/\//,
    );
  });
});

describe("deliveries --follow", () => {
  it("reconnects when the gateway comes back on the same address", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gatekit-follow-"));
    const db = join(dir, "g.db");
    const first = await startTestGateway(["--db", db]);
    const port = new URL(first.origin).port;
    const child = spawn(process.execPath, [
      builtCli(),
      "deliveries",
      "--follow",
      "--url",
      first.origin,
      "--control-token",
      TEST_TOKEN,
    ]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await until(() => stderr.includes("Following the deliveries"), "the stream to open");
    await first.kill();
    const second = await startTestGateway(["--db", db, "--port", port]);
    try {
      // Events made once the stream is back show up: keep making them until one does.
      await until(
        async () => {
          const made = await runCli(
            ["trigger", "payment.closed", "--no-wait", "--notify-url", "http://127.0.0.1:9/notify", "--json"],
            { env: { ...merchant, GATEKIT_GATEWAY_URL: second.origin, GATEKIT_CONTROL_TOKEN: TEST_TOKEN } },
          );
          const paymentNo = (JSON.parse(made.stdout) as { objects: Array<{ id: string }> }).objects[0]!.id;
          return stdout.includes(paymentNo);
        },
        "an event after the restart",
        20_000,
      );
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(stderr).not.toMatch(/gatekit-gateway deliveries:/);
    } finally {
      await second.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it("exits with one line when the gateway goes away and does not come back", async () => {
    const own = await startTestGateway();
    const child = spawn(process.execPath, [
      builtCli(),
      "deliveries",
      "--follow",
      "--url",
      own.origin,
      "--control-token",
      TEST_TOKEN,
    ]);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await until(() => stderr.includes("Following the deliveries"), "the stream to open");
    await own.kill();
    expect(await exited).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      `gatekit-gateway deliveries: the event stream of ${own.origin} ` +
        "ended and the gateway does not answer any more: start it again, then rerun deliveries --follow",
    );
  }, 30_000);
});
