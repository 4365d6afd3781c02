#!/usr/bin/env node
// `gatekit-gateway`: the reference gateway on the command line. Parses the arguments, opens the
// gateway on its database, serves it over HTTP or HTTPS, prints where everything is, and shuts
// down gracefully on SIGINT or SIGTERM (a second signal exits at once). The other subcommands
// (commands.ts) talk to a running gateway.

import { dirname, resolve } from "node:path";
import { createGateway, type Gateway } from "../gateway.js";
import { createLogger } from "../logging.js";
import { VERSION } from "../notify/version.js";
import { isPostgresUrl, redactUrl } from "../storage/postgres/database.js";
import { type Command, HELP, type StartOptions, UsageError, parseCommandLine } from "./args.js";
import { processIo, runSubcommand } from "./command.js";
import { SUBCOMMANDS, commandsHelp } from "./commands.js";
import { type Listening, listen } from "./serve.js";
import { type TlsMaterial, developmentTls, tlsFromFiles } from "./tls.js";

/** How long in-flight requests and deliveries get to finish on shutdown before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 15_000;

async function main(argv: readonly string[]): Promise<number> {
  const subcommand = SUBCOMMANDS.find((candidate) => candidate.name === argv[0]);
  if (subcommand) return runSubcommand(subcommand, argv.slice(1), processIo());
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(error, "");
    throw error;
  }
  if (command.command === "help") {
    process.stdout.write(HELP + commandsHelp());
    return 0;
  }
  if (command.command === "version") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  return start(command.options);
}

async function start(options: StartOptions): Promise<number> {
  const logger = createLogger(options.logLevel);
  const postgres = isPostgresUrl(options.db);
  const db = postgres || options.db === ":memory:" ? options.db : resolve(options.db);
  // What the banner and the log say: a PostgreSQL URL without its password.
  const shownDb = postgres ? redactUrl(db) : db;

  let tls: TlsMaterial | undefined;
  try {
    if (options.tls.kind === "files") tls = tlsFromFiles(options.tls.cert, options.tls.key);
    else if (options.tls.kind === "self-signed")
      tls = await developmentTls(postgres || db === ":memory:" ? resolve(".gatekit") : dirname(db));
  } catch (error) {
    return fail(error, "Cannot set up TLS");
  }

  let gateway: Gateway;
  try {
    gateway = createGateway({
      db,
      merchants: options.merchants.map(({ appId, appSecret }) => ({ appId, appSecret })),
      publicUrl: options.publicUrl ?? null,
      basePath: options.basePath,
      notifyRetryDelaysMs: options.notifyRetryDelaysMs,
      notifyTimeoutMs: options.notifyTimeoutMs,
      controlToken: options.controlToken ?? null,
      logger,
    });
    await gateway.ready;
  } catch (error) {
    return fail(error, "The gateway could not start");
  }

  let server: Listening;
  try {
    server = await listen({
      fetch: (request, env) => gateway.fetch(request, env),
      port: options.port,
      host: options.host,
      tls,
    });
  } catch (error) {
    await gateway.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      return fail(
        undefined,
        `Port ${options.port} on ${options.host} is already in use: ` +
          "stop what is using it, or pass --port <another port> (0 picks a free one).",
      );
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      return fail(
        undefined,
        `Cannot listen on ${options.host}: no such address here. Pass --host 127.0.0.1 or --host 0.0.0.0.`,
      );
    if (code === "EACCES")
      return fail(
        undefined,
        `Not allowed to listen on port ${options.port}: use a port above 1023, or run with the right permissions.`,
      );
    return fail(error, "Cannot listen");
  }

  // Signal handlers go in before the banner: whoever reads the banner may signal at once.
  const stopped = new Promise<number>((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        logger.warn({ signal }, "second signal: exiting without waiting");
        done(1);
        return;
      }
      stopping = true;
      logger.info({ signal }, "shutting down: no new connections, finishing requests and deliveries in flight");
      const force = setTimeout(() => {
        logger.error({ graceMs: SHUTDOWN_GRACE_MS }, "shutdown took too long; exiting");
        done(1);
      }, SHUTDOWN_GRACE_MS);
      force.unref();
      void (async () => {
        await server.close(SHUTDOWN_GRACE_MS - 2000);
        await gateway.close();
        clearTimeout(force);
        logger.info("gateway stopped");
        done(0);
      })().catch((error: unknown) => {
        logger.error({ err: describe(error) }, "shutdown failed");
        done(1);
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });

  process.stdout.write(await banner(gateway, server, options, shownDb, tls));
  logger.info({ port: server.port, host: options.host, db: shownDb }, "gateway started");
  return stopped;
}

async function banner(
  gateway: Gateway,
  server: Listening,
  options: StartOptions,
  db: string,
  tls: TlsMaterial | undefined,
): Promise<string> {
  const root = options.publicUrl ?? server.origin;
  const merchants = await gateway.merchants();
  const seconds = options.notifyRetryDelaysMs.map((ms) => formatDelay(ms));
  const controlAccess = options.controlToken
    ? "  (send Authorization: Bearer <your --control-token>)"
    : "  (loopback clients only)";
  const lines = [
    `Gatekit reference gateway ${VERSION}`,
    `  API base URL    ${root}${options.basePath}`,
    `  API docs        ${root}/docs`,
    `  Control API     ${root}/__gateway/${controlAccess}`,
    `  Database        ${db}`,
  ];
  if (server.origin !== root) lines.push(`  Listening on    ${server.origin}`);
  if (tls?.caFile)
    lines.push(
      `  TLS CA          ${tls.caFile}`,
      `                  trust it in Node with NODE_EXTRA_CA_CERTS=${tls.caFile}`,
    );
  for (const merchant of merchants) {
    const origin =
      merchant.origin === "sandbox"
        ? "sandbox merchant, kept in the database"
        : merchant.origin === "configured"
          ? "from --merchant or GATEKIT_MERCHANTS"
          : "added through the control API";
    lines.push(`  Merchant        appId     ${merchant.appId}${merchant.disabled ? "  (disabled)" : ""}`);
    lines.push(
      "                  appSecret " +
        `${merchant.origin === "configured" ? "(as configured)" : merchant.appSecret}   (${origin})`,
    );
  }
  lines.push(
    `  Notifications   ${seconds.length + 1} attempts; retries after ${seconds.length ? seconds.join(", ") : "none"}`,
  );
  lines.push("Press Ctrl+C to stop.", "");
  return lines.join("\n");
}

function formatDelay(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}

function fail(error: unknown, what: string): number {
  if (error instanceof UsageError || (error as { type?: unknown } | undefined)?.type === "GatewayOptionsError") {
    const { message } = error as Error;
    process.stderr.write(
      `gatekit-gateway: ${message}\n` +
        `${message.includes("--help") ? "" : "Run gatekit-gateway --help to see every option.\n"}`,
    );
    return 2;
  }
  process.stderr.write(`gatekit-gateway: ${what}${error === undefined ? "" : `: ${describe(error)}`}\n`);
  return 1;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `gatekit-gateway: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
