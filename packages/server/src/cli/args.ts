// The command line of `gatekit-gateway`: parsing with node:util's parseArgs and validation that
// says what was wrong and what to do instead. Pure: main.ts turns the result into a running server.

import { parseArgs } from "node:util";
import { DEFAULT_RETRY_DELAYS_SECONDS } from "../notify/schedule.js";
import { isPostgresUrl } from "../storage/postgres/database.js";

/** What `gatekit-gateway start` runs with, every default applied. */
export interface StartOptions {
  readonly port: number;
  readonly host: string;
  /** Path of the SQLite database as given (relative to the working directory), or a PostgreSQL URL. */
  readonly db: string;
  /** Merchants from `--merchant`; empty means "use or create the sandbox merchant". */
  readonly merchants: ReadonlyArray<{ readonly appId: string; readonly appSecret: string }>;
  /** The origin clients sign against, without a trailing slash, when behind a proxy. */
  readonly publicUrl: string | undefined;
  readonly notifyRetryDelaysMs: readonly number[];
  readonly notifyTimeoutMs: number;
  readonly tls:
    | { readonly kind: "none" }
    | { readonly kind: "self-signed" }
    | { readonly kind: "files"; readonly cert: string; readonly key: string };
  /** `/pg` by default; `""` for operations at the root. */
  readonly basePath: string;
  readonly controlToken: string | undefined;
  readonly logLevel: LogLevel;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the command line asks for. */
export type Command =
  | { readonly command: "start"; readonly options: StartOptions }
  | { readonly command: "help" }
  | { readonly command: "version" };

/** A command line that cannot run; the message says what is wrong and what to do. Exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly type = "usage_error";
}

export const DEFAULTS = {
  port: 8080,
  host: "127.0.0.1",
  db: ".gatekit/gateway.db",
  basePath: "/pg",
  notifyRetryDelays: DEFAULT_RETRY_DELAYS_SECONDS.join(","),
  notifyTimeout: 10,
  logLevel: "info" as LogLevel,
} as const;

const flags = {
  port: { type: "string" },
  host: { type: "string" },
  db: { type: "string" },
  merchant: { type: "string", multiple: true },
  "public-url": { type: "string" },
  "notify-retry-delays": { type: "string" },
  "notify-timeout": { type: "string" },
  https: { type: "boolean" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "base-path": { type: "string" },
  "control-token": { type: "string" },
  "log-level": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

/** The text of `--help`. */
export const HELP = `Usage: gatekit-gateway start [options]

Runs the Gatekit reference gateway: every V2 operation, signed exactly as in production, with
state in SQLite or PostgreSQL, a hosted checkout page and signed notifications delivered on a retry schedule.

Options:
  --port <number>                 port to listen on; 0 picks a free one       (default: ${DEFAULTS.port})
  --host <address>                address to listen on                         (default: ${DEFAULTS.host})
  --db <file | url>               SQLite database file, created when missing, or a PostgreSQL URL
                                  (postgres://user:password@host:5432/db) that several instances
                                  can share; DATABASE_URL is read when --db is not given
                                                                               (default: ${DEFAULTS.db})
  --merchant <appId>:<appSecret>  a merchant's credentials; repeat for more. GATEKIT_MERCHANTS
                                  (pairs separated by spaces) keeps them off the command line.
                                  Without either, a sandbox merchant is created on first start
                                  and kept in the database
  --public-url <url>              the origin clients sign against, when a proxy sits in front
                                  (for example https://gateway.example.test)   (default: the listening address)
  --base-path <path>              where the operations live: <base>/v2/payment/create and so on
                                                                               (default: ${DEFAULTS.basePath})
  --notify-retry-delays <s,...>   seconds before each retry of a notification; "" for no retries
                                                                               (default: ${DEFAULTS.notifyRetryDelays})
  --notify-timeout <seconds>      how long one delivery attempt may take; an instance that dies
                                  mid-delivery holds the notification this plus 5 s
                                                                               (default: ${DEFAULTS.notifyTimeout})
  --https                         serve HTTPS with a self-signed certificate for localhost; the CA
                                  file to trust is printed at start
  --tls-cert <file>               serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key <file>                the PEM private key of --tls-cert
  --control-token <token>         bearer token the control API requires        (default: none)
  --log-level <level>             ${LOG_LEVELS.join(", ")}
                                                                               (default: ${DEFAULTS.logLevel})
  -h, --help                      show this help
  -v, --version                   show the version

Logs are JSON lines (pino) on standard output. SIGINT or SIGTERM stops the gateway gracefully.
`;

const HINT = "Run gatekit-gateway --help to see every option.";

/**
 * Parses `argv` (without node and the script), reading DATABASE_URL from `env` when `--db` is not
 * given and GATEKIT_MERCHANTS when `--merchant` is not. Throws a {@link UsageError} for anything wrong.
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Command {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof flags; allowPositionals: true; strict: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: flags, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify a positional argument.*$/s, ".")}\n${HINT}`,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help" };
  if (values.version) return { command: "version" };
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError(`Missing the command: run gatekit-gateway start [options].\n${HINT}`);
  if (command === "help") return { command: "help" };
  if (command !== "start")
    throw new UsageError(
      `Unknown command "${command}": run start to serve a gateway, or see the other commands in --help.\n${HINT}`,
    );
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}": options start with --.\n${HINT}`);

  const tlsCert = values["tls-cert"];
  const tlsKey = values["tls-key"];
  if ((tlsCert === undefined) !== (tlsKey === undefined)) {
    throw new UsageError(
      "--tls-cert and --tls-key go together: pass both PEM files, " +
        "or use --https for a self-signed localhost certificate.",
    );
  }
  if (values.https && tlsCert !== undefined) {
    throw new UsageError(
      `--https makes its own certificate, so it cannot be combined with --tls-cert/--tls-key; pass one or the other.`,
    );
  }

  return {
    command: "start",
    options: {
      port: parsePort(values.port ?? String(DEFAULTS.port)),
      host: parseHost(values.host ?? DEFAULTS.host),
      db:
        values.db !== undefined
          ? parseDb(values.db)
          : env["DATABASE_URL"]
            ? parseDatabaseUrl(env["DATABASE_URL"])
            : DEFAULTS.db,
      merchants:
        values.merchant !== undefined ? parseMerchants(values.merchant) : merchantsFromEnv(env["GATEKIT_MERCHANTS"]),
      publicUrl: values["public-url"] === undefined ? undefined : parsePublicUrl(values["public-url"]),
      notifyRetryDelaysMs: parseRetryDelays(values["notify-retry-delays"] ?? DEFAULTS.notifyRetryDelays),
      notifyTimeoutMs: parseSeconds("--notify-timeout", values["notify-timeout"] ?? String(DEFAULTS.notifyTimeout), {
        min: 0.1,
        max: 600,
      }),
      tls:
        tlsCert !== undefined && tlsKey !== undefined
          ? { kind: "files", cert: tlsCert, key: tlsKey }
          : values.https
            ? { kind: "self-signed" }
            : { kind: "none" },
      basePath: parseBasePath(values["base-path"] ?? DEFAULTS.basePath),
      controlToken: values["control-token"] === undefined ? undefined : parseControlToken(values["control-token"]),
      logLevel: parseLogLevel(values["log-level"] ?? DEFAULTS.logLevel),
    },
  };
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535 (0 picks a free port), got "${text}".`);
  }
  return Number(text);
}

function parseHost(text: string): string {
  if (text === "" || /\s/.test(text))
    throw new UsageError(`--host must be an address such as 127.0.0.1, 0.0.0.0 or ::1, got "${text}".`);
  return text;
}

function parseDb(text: string): string {
  if (text.trim() === "")
    throw new UsageError(`--db must be a file path, such as ${DEFAULTS.db}, or a postgres:// URL.`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !isPostgresUrl(text)) {
    throw new UsageError(
      `--db takes a SQLite file path or a postgres:// URL; "${text.split(":")[0]}:" databases are not supported.`,
    );
  }
  return text;
}

// DATABASE_URL often belongs to another program, so only a PostgreSQL URL is taken from it, and
// anything else is refused rather than read as a file name. Its value is never echoed: it holds a password.
function parseDatabaseUrl(text: string): string {
  if (!isPostgresUrl(text)) {
    throw new UsageError(
      "DATABASE_URL is set but is not a postgres:// URL; " +
        "pass --db <file | url> to choose the gateway's database, or unset it.",
    );
  }
  return text;
}

// GATEKIT_MERCHANTS keeps secrets off the command line, where other users of the machine can see
// them: `<appId>:<appSecret>` pairs separated by whitespace (neither may contain any).
function merchantsFromEnv(text: string | undefined): StartOptions["merchants"] {
  const entries = text?.split(/\s+/).filter((entry) => entry !== "") ?? [];
  return parseMerchants(entries, "GATEKIT_MERCHANTS");
}

// Printable ASCII without space, comma or equals: what fits in an Authorization header.
const APP_ID = /^[\x21-\x2b\x2d-\x3c\x3e-\x7e]{1,64}$/;

function parseMerchants(entries: readonly string[], source = "--merchant"): StartOptions["merchants"] {
  const seen = new Set<string>();
  return entries.map((entry) => {
    const colon = entry.indexOf(":");
    if (colon === -1)
      throw new UsageError(
        `${source} must be <appId>:<appSecret>, with a colon between them; got a value without one.`,
      );
    const appId = entry.slice(0, colon);
    const appSecret = entry.slice(colon + 1);
    if (!APP_ID.test(appId) || appId.includes(":")) {
      throw new UsageError(
        `${source}: the appId must be 1 to 64 printable characters without spaces, commas, ` +
          `colons or equals signs, got "${appId}".`,
      );
    }
    // The secret is never echoed back, not even in an error.
    if (appSecret.length < 8 || /\s/.test(appSecret)) {
      throw new UsageError(`${source} ${appId}: the appSecret must be at least 8 characters without whitespace.`);
    }
    if (seen.has(appId)) throw new UsageError(`${source} ${appId} is given twice; give each appId once.`);
    seen.add(appId);
    return { appId, appSecret };
  });
}

function parsePublicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--public-url must be an absolute URL such as https://gateway.example.test, got "${text}".`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--public-url must start with http:// or https://, got "${text}".`);
  if (url.search || url.hash || url.username || url.password) {
    throw new UsageError(
      `--public-url must be an origin with an optional path, without query, fragment or credentials; got "${text}".`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

function parseRetryDelays(text: string): number[] {
  if (text.trim() === "") return [];
  return text.split(",").map((part, index) => {
    try {
      return parseSeconds("--notify-retry-delays", part.trim(), { min: 0, max: 7 * 24 * 3600 });
    } catch {
      throw new UsageError(
        `--notify-retry-delays: entry ${index + 1} ("${part}") ` +
          "is not a number of seconds from 0 to 604800. " +
          `Write the delays as seconds separated by commas, such as ${DEFAULTS.notifyRetryDelays}.`,
      );
    }
  });
}

function parseSeconds(flag: string, text: string, range: { min: number; max: number }): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!(seconds >= range.min && seconds <= range.max)) {
    throw new UsageError(`${flag} must be a number of seconds from ${range.min} to ${range.max}, got "${text}".`);
  }
  return Math.round(seconds * 1000);
}

function parseBasePath(text: string): string {
  const path = text.replace(/\/+$/, "");
  if (path !== "" && !/^(\/[A-Za-z0-9._~-]+)+$/.test(path)) {
    throw new UsageError(
      `--base-path must be a path such as /pg or / (letters, digits, . _ ~ - between slashes), got "${text}".`,
    );
  }
  return path;
}

function parseControlToken(text: string): string {
  if (text.length < 8 || /\s/.test(text))
    throw new UsageError(`--control-token must be at least 8 characters without whitespace.`);
  return text;
}

function parseLogLevel(text: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(text)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}, got "${text}".`);
  }
  return text as LogLevel;
}
