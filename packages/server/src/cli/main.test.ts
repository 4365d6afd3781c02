// The built `gatekit-gateway` CLI as a real process: flags, the start banner, HTTPS, errors, logs
// and graceful shutdown.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import { until } from "@gatekit/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CliProcess, builtCli, printedCredentials, startCli } from "../../test/cli.js";
import { paymentBody, signedCall, startMerchant } from "../../test/shop.js";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let cli: string;
beforeAll(() => {
  cli = builtCli();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatekit-cli-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(args: string[]): Promise<CliProcess> {
  const process = await startCli(["start", "--port", "0", ...args]);
  cleanups.push(() => process.kill("SIGKILL"));
  return process;
}

function run(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", timeout: 20_000 });
}

describe("gatekit-gateway", () => {
  it("prints its help with every option, and its version", () => {
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: gatekit-gateway start [options]");
    expect(help.stdout).toContain("--notify-retry-delays");
    const version = run(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version,
    );
  });

  it.each([
    [["start", "--port", "x"], /--port must be a whole number/],
    [["start", "--merchant", "oops"], /<appId>:<appSecret>/],
    [["stop"], /Unknown command "stop"/],
  ])("refuses %j with exit code 2 and says what to do", (args, message) => {
    const result = run(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("--help");
  });

  it("prints the API base URL, docs URL, database and credentials, and answers signed requests", async () => {
    const db = join(tempDir(), "nested", "gateway.db");
    const gateway = await start(["--db", db]);
    const output = gateway.output();
    expect(output).toMatch(/API base URL\s+http:\/\/127\.0\.0\.1:\d+\/pg\n/);
    expect(output).toMatch(/API docs\s+http:\/\/127\.0\.0\.1:\d+\/docs\n/);
    expect(output).toContain(`Database        ${db}`);
    expect(output).toContain("sandbox merchant, kept in the database");
    expect(output).toContain("8 attempts; retries after 15s, 1m, 5m, 15m, 1h, 2h, 6h");
    const credentials = printedCredentials(output);
    const shop = await startMerchant();
    cleanups.push(() => shop.close());
    const created = await signedCall(`${gateway.apiBase}/v2/payment/create`, paymentBody("CLI-1", shop), credentials);
    expect(created).toMatchObject({ code: "OK", data: { merchantTradeNo: "CLI-1", status: "PENDING" } });
    const docs = await fetch(`${gateway.origin}/docs`);
    expect(docs.headers.get("content-type")).toContain("text/html");
  });

  it("uses the merchants given with --merchant, never printing their secrets", async () => {
    const gateway = await start([
      "--db",
      join(tempDir(), "g.db"),
      "--merchant",
      "shop_a:secret-a-123456",
      "--merchant",
      "shop_b:secret-b-123456",
      "--base-path",
      "/",
    ]);
    const output = gateway.output();
    expect(output).toMatch(/API base URL\s+http:\/\/127\.0\.0\.1:\d+\n/);
    expect(output).toContain("appId     shop_a");
    expect(output).toContain("appId     shop_b");
    expect(output).not.toContain("secret-a-123456");
    expect(output).not.toContain("sandbox");
    const answer = await signedCall(
      `${gateway.apiBase}/v2/balance/query`,
      { currencies: ["INR"] },
      { appId: "shop_b", appSecret: "secret-b-123456" },
    );
    expect(answer.code).toBe("OK");
  });

  it("verifies requests over --public-url, as clients behind a proxy sign them", async () => {
    const gateway = await start([
      "--db",
      join(tempDir(), "g.db"),
      "--merchant",
      "shop_a:secret-a-123456",
      "--public-url",
      "https://gateway.example.test/edge",
    ]);
    expect(gateway.apiBase).toBe("https://gateway.example.test/edge/pg");
    expect(gateway.output()).toMatch(/Listening on\s+http:\/\/127\.0\.0\.1:(\d+)/);
    const listening = /Listening on\s+(\S+)/.exec(gateway.output())![1]!;
    // What the proxy forwards: the same body and header, to the gateway's own address and path.
    const body = JSON.stringify({ currencies: ["INR"] });
    const timestamp = createTimestamp();
    const nonce = createNonce();
    const sign = signSync({
      appId: "shop_a",
      appSecret: "secret-a-123456",
      url: "https://gateway.example.test/edge/pg/v2/balance/query",
      timestamp,
      nonce,
      body,
    });
    const response = await fetch(`${listening}/pg/v2/balance/query`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "test",
        authorization: formatAuthorization({ appId: "shop_a", sign, timestamp, nonce }),
      },
      body,
    });
    expect(((await response.json()) as { code: string }).code).toBe("OK");
  });

  it("serves HTTPS with a development certificate that the printed CA file makes trusted", async () => {
    const dir = tempDir();
    const gateway = await start(["--db", join(dir, "g.db"), "--https"]);
    expect(gateway.apiBase).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/pg$/);
    const caFile = /TLS CA\s+(\S+)/.exec(gateway.output())![1]!;
    expect(caFile).toBe(join(dir, "tls", "gatekit-dev-ca.pem"));
    const body = await new Promise<string>((resolve, reject) => {
      request(`${gateway.origin}/__gateway/health`, { ca: readFileSync(caFile) }, (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve(text));
      })
        .on("error", reject)
        .end();
    });
    expect(JSON.parse(body)).toMatchObject({ code: "OK" });
  });

  it("says what to do when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as { port: number }).port;
    const result = run(["start", "--port", String(port), "--db", join(tempDir(), "g.db")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).toContain("--port");
  });

  it("logs requests and deliveries as JSON lines with request ids, never secrets or signatures", async () => {
    const shop = await startMerchant();
    cleanups.push(() => shop.close());
    const gateway = await start(["--db", join(tempDir(), "g.db"), "--log-level", "debug"]);
    const credentials = printedCredentials(gateway.output());
    shop.credentials = credentials;
    const created = await signedCall<{ paymentNo: string }>(
      `${gateway.apiBase}/v2/payment/create`,
      paymentBody("LOG-1", shop),
      credentials,
    );
    await fetch(`${gateway.origin}/__gateway/payments/${created.data.paymentNo}/outcome`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "PAID" }),
    });
    await until(() => gateway.output().includes('"msg":"notification delivered"'), "the delivery's log line");
    const logs = gateway
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs.find((line) => line["path"] === "/pg/v2/payment/create")).toMatchObject({
      requestId: expect.any(String),
      status: 200,
      appId: credentials.appId,
    });
    expect(logs.find((line) => line["msg"] === "notification delivered")).toMatchObject({
      attempt: 1,
      outcome: "acknowledged",
      httpStatus: 200,
      objectNo: created.data.paymentNo,
    });
    const logText = logs.map((line) => JSON.stringify(line)).join("\n");
    expect(logText).not.toContain(credentials.appSecret);
    expect(logText).not.toMatch(/V2_SHA256|sign=|[0-9a-f]{64}/);
  });

  it("shuts down gracefully on SIGINT and SIGTERM", async () => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const gateway = await start(["--db", join(tempDir(), "g.db")]);
      expect(await gateway.kill(signal)).toEqual({ code: 0, signal: null });
      expect(gateway.output()).toContain('"msg":"gateway stopped"');
    }
  });
});
