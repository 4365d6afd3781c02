// Runs a `gatekit-gateway` subcommand of the built CLI as a child process for the subcommands'
// tests, asynchronously (the test process serves the loopback merchant meanwhile), and starts the
// gateway those tests talk to.

import { type ProcessRun, runProcess } from "@gatekit/testing";
import { type CliProcess, builtCli, startCli } from "./cli.js";

/** How a run ended. */
export type CliRun = ProcessRun;

/** The control token and merchant the subcommand tests start their gateway with. */
export const TEST_TOKEN = "control-token-for-tests";
export const TEST_MERCHANT = { appId: "shop_cli", appSecret: "shop-cli-secret-0123456789" } as const;

// The caller's own GATEKIT_* variables must not leak into a test.
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith("GATEKIT_")) env[name] = value;
  return { ...env, ...extra };
}

/** Runs `gatekit-gateway <args>` to its end, feeding `input` on standard input. */
export function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<CliRun> {
  return runProcess([builtCli(), ...args], { env: cleanEnv(options.env ?? {}), input: options.input });
}

/** Starts a gateway for the subcommand tests: in memory, with {@link TEST_MERCHANT} and {@link TEST_TOKEN}. */
export function startTestGateway(extra: readonly string[] = []): Promise<CliProcess> {
  return startCli([
    "start",
    "--port",
    "0",
    "--db",
    ":memory:",
    "--log-level",
    "silent",
    "--merchant",
    `${TEST_MERCHANT.appId}:${TEST_MERCHANT.appSecret}`,
    "--control-token",
    TEST_TOKEN,
    ...extra,
  ]);
}

/** The environment that points a subcommand at `gateway` with the right token. */
export function envFor(gateway: CliProcess, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { GATEKIT_GATEWAY_URL: gateway.origin, GATEKIT_CONTROL_TOKEN: TEST_TOKEN, ...extra };
}

/** Asserts the shape of a failure: one line on stderr, no stack trace, none of `secrets`. */
export function failureLine(run: CliRun, secrets: readonly string[] = [TEST_TOKEN, TEST_MERCHANT.appSecret]): string {
  const lines = run.stderr.split("\n").filter((line) => line !== "");
  const problems = [
    run.status === 0 ? "exit code 0" : "",
    lines.length === 1 ? "" : `${lines.length} lines on stderr`,
    /\n\s+at /.test(run.stderr) ? "a stack trace" : "",
    ...secrets.filter((secret) => `${run.stdout}${run.stderr}`.includes(secret)).map(() => "a secret in the output"),
  ].filter((problem) => problem !== "");
  if (problems.length > 0) throw new Error(`Not a clean failure (${problems.join(", ")}):\n${run.stderr}`);
  return lines[0]!;
}
