// `npm start`: installs the workspace, builds the reference gateway, the API docs and the demo
// shop, then runs the gateway (http://127.0.0.1:8080, docs at /docs) and the shop
// (http://127.0.0.1:3000) together, both with the same merchant credentials. Arguments after `--`
// go to `gatekit-gateway start` (`npm start -- --port 9000`); SHOP_PORT moves the shop.
//
// Ctrl-C (or SIGTERM) stops both gracefully; when one of them exits on its own, the other is
// stopped and this exits non-zero. The children run in their own process groups so that a Ctrl-C
// reaches them once, from here, rather than twice (the terminal's and ours): the gateway reads a
// second signal as "exit without waiting".
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { env, installDependencies, pnpm, root } from "./workspace.mjs";

const STATE_DIR = join(root, ".gatekit");
const CREDENTIALS_FILE = join(STATE_DIR, "demo-credentials.json");
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

installDependencies();
pnpm([
  "exec",
  "turbo",
  "run",
  "build",
  "--filter=@gatekit/server...",
  "--filter=@gatekit/docs",
  "--filter=@gatekit/demo-merchant...",
  "--output-logs=errors-only",
]);

const credentials = demoCredentials();
/** @type {Map<string, import("node:child_process").ChildProcess>} */
const children = new Map();
let stopping = false;
let exitCode = 0;

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
  process.on(signal, () => stopAll(0, `${signal}: stopping the shop and the gateway`));
// Whatever ends this process, the children must not outlive it.
process.on("exit", () => {
  for (const child of children.values())
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

const gateway = await startChild(
  "gateway",
  ["packages/server/dist/cli/main.mjs", "start", ...process.argv.slice(2)],
  // In the environment rather than on the command line, where other users of the machine see it.
  { ...env, GATEKIT_MERCHANTS: `${credentials.appId}:${credentials.appSecret}` },
  /API base URL\s+(\S+)/,
);
if (gateway) {
  const apiBase = gateway.match[1];
  const origin = new URL(apiBase).origin;
  // With --https the gateway makes its own CA; the shop trusts it the way Node trusts any extra CA.
  const ca = /TLS CA\s+(\S+)/.exec(gateway.output)?.[1];
  const shop = await startChild(
    "shop",
    ["apps/demo-merchant/dist/main.mjs"],
    {
      ...env,
      GATEWAY_BASE_URL: apiBase,
      GATEKIT_APP_ID: credentials.appId,
      GATEKIT_APP_SECRET: credentials.appSecret,
      PORT: process.env.SHOP_PORT ?? "3000",
      SHOP_DB: join(STATE_DIR, "demo-shop.db"),
      ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}),
    },
    /Shop URL\s+(\S+)/,
  );
  if (shop) {
    const shopUrl = shop.match[1];
    process.stdout.write(
      [
        "",
        "Gatekit demo: the reference gateway and the demo shop are running",
        `  Shop            ${shopUrl}`,
        `  Shop orders     ${new URL("orders", shopUrl).href}`,
        `  Gateway API     ${apiBase}`,
        `  Gateway docs    ${origin}/docs`,
        `  Merchant        appId ${credentials.appId}; its secret is in ${relative(root, CREDENTIALS_FILE)}`,
        "Press Ctrl+C to stop both.",
        "",
      ].join("\n"),
    );
  }
}

/**
 * The merchant both processes use, made once and kept in .gatekit/ so that restarts (and the
 * orders already in the shop's database) keep working with the same pair.
 */
function demoCredentials() {
  if (existsSync(CREDENTIALS_FILE)) {
    try {
      const saved = JSON.parse(readFileSync(CREDENTIALS_FILE, "utf8"));
      if (
        typeof saved.appId === "string" &&
        /^[A-Za-z0-9_-]{1,64}$/.test(saved.appId) &&
        typeof saved.appSecret === "string" &&
        /^[0-9a-f]{32,}$/.test(saved.appSecret)
      ) {
        return { appId: saved.appId, appSecret: saved.appSecret };
      }
    } catch {
      // Unreadable: make a new pair below. The gateway takes whatever --merchant says on every start.
    }
    console.log(`› ${relative(root, CREDENTIALS_FILE)} is not a valid credentials file; making a new merchant pair`);
  }
  const made = { appId: "demo-shop", appSecret: randomBytes(24).toString("hex") };
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(CREDENTIALS_FILE, `${JSON.stringify(made, null, 2)}\n`, { mode: 0o600 });
  return made;
}

/**
 * Spawns `node <args>` and resolves once its standard output matches `ready` (with the match and
 * the output so far), or with undefined when it exited first or this is stopping. Its output is
 * passed through unchanged.
 */
function startChild(name, args, childEnv, ready) {
  if (stopping) return Promise.resolve(undefined);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  children.set(name, child);
  return new Promise((resolve) => {
    let output = "";
    let settled = false;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      stopAll(1, `✖ the ${name} did not start within ${READY_TIMEOUT_MS / 1000} s; see its output above.`);
      settle(undefined);
    }, READY_TIMEOUT_MS);
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      if (settled) return;
      output += chunk.toString("utf8");
      const match = ready.exec(output);
      if (match) settle({ match, output });
    });
    // "close", not "exit": by then everything it printed (its --help, say) has been passed on.
    child.on("close", (code, signal) => {
      children.delete(name);
      if (stopping && code !== 0 && exitCode === 0) exitCode = code ?? 1;
      else if (!stopping) {
        // `npm start -- --help` ends the gateway with 0 before it is ready: nothing else to do.
        const clean = code === 0 && !settled;
        const hint = name === "shop" && !settled ? " SHOP_PORT sets the shop's port (default 3000)." : "";
        stopAll(
          clean ? 0 : code || 1,
          clean ? undefined : `✖ the ${name} exited (${signal ?? `code ${code}`}); stopping the rest.${hint}`,
        );
      }
      settle(undefined);
      if (stopping && children.size === 0) process.exit(exitCode);
    });
  });
}

/** Stops every child with one SIGTERM, then exits with `code` once they are gone. */
function stopAll(code, message) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (message) (code === 0 ? console.log : console.error)(`\n${message}`);
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill("SIGTERM");
  setTimeout(() => {
    console.error(`✖ still running after ${STOP_TIMEOUT_MS / 1000} s; killing.`);
    process.exit(1);
  }, STOP_TIMEOUT_MS).unref();
}
