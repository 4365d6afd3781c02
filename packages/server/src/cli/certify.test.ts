// `gatekit-gateway certify` on the command line: in-process against a real gateway and the naive
// merchant on loopback (report formats, case selection, exit codes, no secret in any output),
// and once as the built CLI, for the dispatch in main.ts.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NaiveMerchant, startNaiveMerchant } from "../../test/naive-merchant.js";
import type { CertifyReport } from "../certify/report.js";
import { createGateway, type Gateway } from "../gateway.js";
import { MERCHANT } from "../../test/index.js";
import { certifyCommand } from "./certify.js";
import type { Io } from "./command.js";
import { builtCli } from "../../test/cli.js";
import { listen, type Listening } from "./serve.js";

let gateway: Gateway;
let server: Listening;
let naive: NaiveMerchant;
let dir: string;

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
  dir = mkdtempSync(join(tmpdir(), "gatekit-certify-"));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await naive?.close();
  await server?.close(0);
  await gateway?.close();
});

async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    secret: () => {},
    env,
    stdin: async () => "",
  };
  const code = await certifyCommand(args, io);
  return { code, stdout, stderr };
}

const target = () => [
  "--notify-url",
  naive.notifyUrl,
  "--return-url",
  naive.returnUrl,
  "--url",
  server.origin,
  "--order-url",
  naive.orderUrl,
  "--status-url",
  naive.statusUrl,
];

describe("gatekit-gateway certify", () => {
  it("prints one line per case and exits 1 when a case fails, never printing the secret", async () => {
    const result = await run([
      ...target(),
      "--merchant",
      `${MERCHANT.appId}:${MERCHANT.appSecret}`,
      "--only",
      "genuine-paid,replay-original-nonce",
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ {2}pass {2}genuine-paid +acknowledged in/m);
    expect(result.stdout).toMatch(/^ {2}FAIL {2}replay-original-nonce +/m);
    expect(result.stdout).toMatch(/1 passed, 1 failed, 0 skipped in \d/);
    expect(result.stdout + result.stderr).not.toContain(MERCHANT.appSecret);
  });

  it("exits 0 when every selected case passes, with the secret from GATEKIT_APP_SECRET", async () => {
    const result = await run(
      [...target(), "--merchant", MERCHANT.appId, "--only", "genuine-paid", "--only", "forged-wrong-secret"],
      { GATEKIT_APP_SECRET: MERCHANT.appSecret },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("2 passed, 0 failed, 0 skipped");
  });

  it("prints JSON with --json and writes JUnit XML with --junit, leaving out --skip's cases", async () => {
    const junit = join(dir, "certify.xml");
    const skipped = ["body-oversized", "latency-within-timeout"];
    const result = await run([...target(), "--json", "--junit", junit, "--skip", skipped.join(",")], {
      GATEKIT_APP_ID: MERCHANT.appId,
      GATEKIT_APP_SECRET: MERCHANT.appSecret,
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as CertifyReport;
    expect(report.results.map((entry) => entry.id)).not.toEqual(expect.arrayContaining(skipped));
    expect(report.results.find((entry) => entry.id === "forged-reserialized-body")).toMatchObject({ status: "fail" });
    const xml = readFileSync(junit, "utf8");
    expect(xml).toMatch(
      new RegExp(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n/.source +
          /<testsuites name="gatekit-gateway certify" tests="21" failures="\d+" skipped="0"/.source,
      ),
    );
    expect(xml).toMatch(
      new RegExp(
        /<testcase classname="certify.Forgeries" name="forged-reserialized-body: [^"]+" time="[\d.]+">\n/.source +
          / {6}<failure message="the notify URL acknowledged it/.source,
      ),
    );
    expect(result.stdout + xml).not.toContain(MERCHANT.appSecret);
  });

  it.each([
    [[], /--notify-url is required/],
    [
      ["--notify-url", "ftp://shop.test/notify", "--merchant", "a:secret-123"],
      /notifyUrl must be an http:\/\/ or https:\/\/ URL, not ftp:/,
    ],
    [
      ["--notify-url", "http://127.0.0.1:1/n", "--merchant", "a:secret-123", "--only", "forged-everything"],
      /there is no case "forged-everything"; did you mean forged-wrong-secret/,
    ],
    [["--notify-url", "http://127.0.0.1:1/n", "--merchant", "a"], /the appSecret of a is missing/],
    [
      [
        "--notify-url",
        "http://127.0.0.1:1/n",
        "--merchant",
        "a:secret-123",
        "--status-url",
        "http://x/{merchantTradeNo}",
        "--status-command",
        "true",
      ],
      /pass one of them/,
    ],
    [
      ["--notify-url", "http://127.0.0.1:1/n", "--merchant", "a:secret-123", "--timeout", "soon"],
      /--timeout must be a number of seconds/,
    ],
    [
      ["--notify-url", "http://127.0.0.1:1/n", "--merchant", "a:secret-123", "--status-url", "http://shop.test/status"],
      /must contain \{merchantTradeNo\} or \{paymentNo\}/,
    ],
    [["--bogus"], /Unknown option '--bogus'/],
  ])("refuses %j with exit code 2 and one line saying what to do", async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("--help");
    expect(result.stdout).toBe("");
  });

  it("exits 1 with one line when the gateway cannot be reached", async () => {
    const result = await run([
      "--notify-url",
      naive.notifyUrl,
      "--url",
      "http://127.0.0.1:9",
      "--merchant",
      `${MERCHANT.appId}:${MERCHANT.appSecret}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        /^gatekit-gateway certify: cannot run: /.source +
          /the gateway's control API \(GET http:\/\/127\.0\.0\.1:9\/__gateway\/health\) /.source +
          /could not be reached: connect ECONNREFUSED[^\n]*\n$/.source,
      ),
    );
  });

  it("lists every case with --list, and is reached through the built gatekit-gateway", () => {
    const listed = spawnSync(process.execPath, [builtCli(), "certify", "--list"], {
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^genuine-paid\n {2}A genuine notification/);
    expect(listed.stdout).toContain("forged-length-extension\n");
    const help = spawnSync(process.execPath, [builtCli(), "certify", "--help"], { encoding: "utf8", timeout: 20_000 });
    expect(help.stdout).toContain("Usage: gatekit-gateway certify --notify-url <url> [options]");
    const wrong = spawnSync(process.execPath, [builtCli(), "certify"], { encoding: "utf8", timeout: 20_000 });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe(
      "gatekit-gateway certify: --notify-url is required: " +
        "the URL of the merchant's notification endpoint.\n" +
        "Run gatekit-gateway certify --help to see every option.\n",
    );
  });
});
