// `gatekit-gateway certify`: the conformance run on the command line. Parses its own options
// (node:util's parseArgs, like the other subcommands, but with its own exit codes and messages),
// runs certifyIntegration, prints the report (text or --json), writes --junit, and exits 0 only
// when no case failed. The secret comes from --merchant or GATEKIT_APP_SECRET and is never printed:
// it is also registered with the output, which masks it should it ever appear.

import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CASES } from "../certify/cases.js";
import { reportJunit } from "../certify/junit.js";
import {
  CertifyOptionsError,
  type CertifyOptions,
  DEFAULT_GATEWAY_URL,
  DEFAULT_TIMEOUT_MS,
} from "../certify/options.js";
import { formatReport, reportJson } from "../certify/report.js";
import { certifyIntegration } from "../certify/runner.js";
import type { Source } from "../certify/sources.js";
import { CertifyProblem } from "../certify/transport.js";
import type { Env, Io, Subcommand } from "./command.js";

const flags = {
  "notify-url": { type: "string" },
  "return-url": { type: "string" },
  "status-url": { type: "string" },
  "status-command": { type: "string" },
  "order-url": { type: "string" },
  "order-command": { type: "string" },
  url: { type: "string" },
  merchant: { type: "string" },
  "control-token": { type: "string" },
  timeout: { type: "string" },
  only: { type: "string", multiple: true },
  skip: { type: "string", multiple: true },
  json: { type: "boolean" },
  junit: { type: "string" },
  list: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The text of `gatekit-gateway certify --help`. */
export const CERTIFY_HELP = `Usage: gatekit-gateway certify --notify-url <url> [options]

Runs conformance cases against a merchant's running integration, through a running reference
gateway: genuine, duplicate, concurrent, retried, out-of-order, forged, replayed, stale and
oversized notifications, a slow answer, and a return page with status=PAID in its query. Prints
one line per case (pass, FAIL with what was seen, skip with why); exits 1 when a case fails.

Options:
  --notify-url <url>            the merchant's notification endpoint (required)
  --return-url <url>            the merchant's return page; without it that case is skipped
  --order-url <url>             certify POSTs {} here; the answer is JSON {"merchantTradeNo",
                                "paymentNo"} of a fresh PENDING order the merchant created at the gateway
  --order-command <command>     a command printing the same JSON (run by the shell)
                                Without an order source certify creates payments itself, and the
                                merchant does not know them: the state checks are skipped
  --status-url <url>            GET, with {merchantTradeNo} or {paymentNo} in it; the answer is
                                JSON {"status": "PAID", "processed": 1}: the order's status in the
                                shop and, optionally, how many times it acted on a notification for it
  --status-command <command>    a command printing the same JSON; {merchantTradeNo} and {paymentNo}
                                are filled in, and GATEKIT_MERCHANT_TRADE_NO, GATEKIT_PAYMENT_NO set
  --url <url>                   the reference gateway the merchant uses      (default: ${DEFAULT_GATEWAY_URL})
  --merchant <appId>[:<secret>] the merchant's credentials at that gateway; the appId alone takes the
                                secret from GATEKIT_APP_SECRET, and without --merchant the appId comes
                                from GATEKIT_APP_ID. Never printed
  --control-token <token>       the gateway's --control-token, if it has one (or GATEKIT_CONTROL_TOKEN)
  --timeout <seconds>           the gateway's notification timeout, also every request's limit
                                                                             (default: ${DEFAULT_TIMEOUT_MS / 1000})
  --only <id,...>               run only these cases (repeat, or separate with commas)
  --skip <id,...>               leave these cases out
  --json                        print the report as JSON instead of text
  --junit <file>                also write the report as JUnit XML, for CI
  --list                        list the case ids and what each proves
  -h, --help                    show this help

Exit codes: 0 when no case failed, 1 when one did or the run could not start, 2 for a wrong option.
`;

const HINT = "Run gatekit-gateway certify --help to see every option.";

/** `gatekit-gateway certify`. */
export const certify: Subcommand = {
  name: "certify",
  summary: "run conformance cases against a merchant's notification endpoint and return page",
  run: (argv, io) => certifyCommand(argv, io),
};

/** Runs `gatekit-gateway certify <argv>` and resolves with the exit code. Never throws. */
export async function certifyCommand(argv: readonly string[], io: Io): Promise<number> {
  let parsed: Parsed;
  try {
    parsed = parse(argv, io.env);
  } catch (error) {
    if (!(error instanceof CertifyOptionsError)) throw error;
    io.err(`gatekit-gateway certify: ${error.message}\n${error.message.includes("--help") ? "" : `${HINT}\n`}`);
    return 2;
  }
  if (parsed === "help") {
    io.out(CERTIFY_HELP);
    return 0;
  }
  if (parsed === "list") {
    io.out(CASES.map((entry) => `${entry.id}\n  ${entry.title}. ${entry.proves}\n`).join(""));
    return 0;
  }
  const { options, json, junit } = parsed;
  io.secret(options.merchant.appSecret);
  try {
    const report = await certifyIntegration(options);
    io.out(json ? reportJson(report) : formatReport(report));
    if (junit !== undefined) {
      try {
        writeFileSync(junit, reportJunit(report));
      } catch (error) {
        io.err(`gatekit-gateway certify: cannot write the JUnit report to ${junit}: ${(error as Error).message}\n`);
        return 1;
      }
    }
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof CertifyOptionsError) {
      io.err(`gatekit-gateway certify: ${error.message}\n${HINT}\n`);
      return 2;
    }
    const message =
      error instanceof CertifyProblem
        ? error.message
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    io.err(`gatekit-gateway certify: cannot run: ${message}\n`);
    return 1;
  }
}

type Parsed =
  | "help"
  | "list"
  | { readonly options: CertifyOptions; readonly json: boolean; readonly junit: string | undefined };

function parse(argv: readonly string[], env: Env): Parsed {
  let values: ReturnType<
    typeof parseArgs<{ options: typeof flags; allowPositionals: true; strict: true; args: string[] }>
  >["values"];
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new CertifyOptionsError((error as Error).message.replace(/\. To specify a positional argument.*$/s, "."));
  }
  if (values.help) return "help";
  if (values.list) return "list";
  if (positionals.length > 0)
    throw new CertifyOptionsError(`Unexpected argument "${positionals[0]}": options start with --.`);
  if (values["notify-url"] === undefined)
    throw new CertifyOptionsError("--notify-url is required: the URL of the merchant's notification endpoint.");
  return {
    options: {
      notifyUrl: values["notify-url"],
      returnUrl: values["return-url"],
      gatewayUrl: values.url,
      merchant: merchantOf(values.merchant, env),
      controlToken: values["control-token"] ?? (env["GATEKIT_CONTROL_TOKEN"] || undefined),
      orderSource: oneSource("--order-url", values["order-url"], "--order-command", values["order-command"]),
      statusSource: oneSource("--status-url", values["status-url"], "--status-command", values["status-command"]),
      timeoutMs: values.timeout === undefined ? undefined : seconds(values.timeout),
      only: list(values.only),
      skip: list(values.skip),
    },
    json: values.json === true,
    junit: values.junit,
  };
}

// The secret is never echoed, not even in an error.
function merchantOf(value: string | undefined, env: Env): CertifyOptions["merchant"] {
  const colon = value?.indexOf(":") ?? -1;
  const appId = value === undefined ? env["GATEKIT_APP_ID"] : colon === -1 ? value : value.slice(0, colon);
  const appSecret = value !== undefined && colon !== -1 ? value.slice(colon + 1) : env["GATEKIT_APP_SECRET"];
  if (!appId)
    throw new CertifyOptionsError(
      "the merchant is missing: pass --merchant <appId>:<appSecret>, " +
        "or --merchant <appId> with GATEKIT_APP_SECRET set, or set GATEKIT_APP_ID and GATEKIT_APP_SECRET.",
    );
  if (!appSecret)
    throw new CertifyOptionsError(
      `the appSecret of ${appId} is missing: pass --merchant ${appId}:<appSecret>, or set GATEKIT_APP_SECRET.`,
    );
  return { appId, appSecret };
}

function oneSource(
  urlFlag: string,
  url: string | undefined,
  commandFlag: string,
  command: string | undefined,
): Source | undefined {
  if (url !== undefined && command !== undefined)
    throw new CertifyOptionsError(
      `${urlFlag} and ${commandFlag} are two ways to say the same thing: pass one of them.`,
    );
  if (url !== undefined) return { url };
  if (command !== undefined) return { command };
  return undefined;
}

function seconds(text: string): number {
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0.1 && value <= 600))
    throw new CertifyOptionsError(`--timeout must be a number of seconds from 0.1 to 600, got "${text}".`);
  return Math.round(value * 1000);
}

function list(values: readonly string[] | undefined): string[] | undefined {
  return values
    ?.flatMap((value) => value.split(","))
    .map((id) => id.trim())
    .filter((id) => id !== "");
}
