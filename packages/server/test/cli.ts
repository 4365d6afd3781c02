// Runs the built `gatekit-gateway` CLI as a real child process, for the tests that need a whole
// process (crash and restart, the subcommands, the browser tests).

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Exit, type RunningProcess, startProcess } from "@gatekit/testing";

/** Where the build puts the CLI. */
export const CLI_PATH: string = fileURLToPath(new URL("../dist/cli/main.mjs", import.meta.url));

/** The CLI's path, or an error saying how to build it (the test command builds before testing). */
export function builtCli(): string {
  if (!existsSync(CLI_PATH)) {
    throw new Error(
      `The gatekit-gateway CLI is not built (${CLI_PATH} is missing). ` +
        `Build it with \`pnpm turbo run build --filter @gatekit/server\`, ` +
        `or run the whole suite with \`npm test\`, which builds first.`,
    );
  }
  return CLI_PATH;
}

/** A running CLI process. */
export interface CliProcess {
  readonly child: RunningProcess["child"];
  /** The API base URL it printed, such as `http://127.0.0.1:40123/pg`. */
  readonly apiBase: string;
  /** The origin it printed, such as `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** Where it listens: the origin, or the address it printed apart from a --public-url. */
  readonly listening: string;
  /** Everything it wrote to standard output and standard error so far. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
}

// The banner is written at once but may arrive in pieces: ready means its last line has arrived.
const BANNER = /API base URL\s+(\S+)[\s\S]*Press Ctrl\+C to stop\./;

/** Starts `gatekit-gateway <args>` and resolves once it printed its API base URL. */
export async function startCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliProcess> {
  const running = await startProcess("gatekit-gateway", [builtCli(), ...args], BANNER, {
    env: options.env,
    timeoutMs: options.timeoutMs ?? 20_000,
  });
  const apiBase = running.match[1]!;
  const origin = new URL(apiBase).origin;
  return {
    child: running.child,
    apiBase,
    origin,
    listening: /Listening on\s+(\S+)/.exec(running.output())?.[1] ?? origin,
    output: running.output,
    kill: running.kill,
  };
}

/** A merchant's credentials as the CLI printed them. */
export interface Credentials {
  readonly appId: string;
  readonly appSecret: string;
}

/** The merchant credentials the CLI printed (the first merchant). */
export function printedCredentials(output: string): Credentials {
  const appId = /appId\s+(\S+)/.exec(output)?.[1];
  const appSecret = /appSecret\s+(\S+)/.exec(output)?.[1];
  if (!appId || !appSecret || appSecret.startsWith("("))
    throw new Error(`No sandbox credentials in the CLI's output:\n${output}`);
  return { appId, appSecret };
}
