// The gateway and the shop as real processes, as `npm start` runs them: the gateway's built CLI
// (the `gatekit-gateway` bin of @gatekit/server) and the shop's build, each on a free loopback
// port, with their databases in a temporary directory. For the browser tests only.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The shop's build, which `node` runs. */
export const SHOP_MAIN: string = fileURLToPath(new URL("../../dist/main.mjs", import.meta.url));

/** The `gatekit-gateway` CLI, found through @gatekit/server's `bin`, as npx would find it. */
export function gatewayCli(): string {
  const manifest = createRequire(import.meta.url).resolve("@gatekit/server/package.json");
  const bin = (JSON.parse(readFileSync(manifest, "utf8")) as { bin: Record<string, string> }).bin["gatekit-gateway"]!;
  return join(dirname(manifest), bin);
}

/** Both builds, or an error saying how to make them (`npm test` builds before testing). */
export function builtEntries(): { readonly gateway: string; readonly shop: string } {
  const gateway = gatewayCli();
  const missing = [gateway, SHOP_MAIN].filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `Not built: ${missing.join(", ")}. Build with \`pnpm exec turbo run build --filter=@gatekit/demo-merchant...\` from the repository root, or run \`npm test\`, which builds first.`,
    );
  }
  return { gateway, shop: SHOP_MAIN };
}

/** A running process. */
export interface Running {
  readonly child: ChildProcess;
  /** What the ready pattern matched. */
  readonly match: RegExpExecArray;
  /** Everything it wrote so far, standard output and error together. */
  output(): string;
  /** Sends SIGTERM (then SIGKILL after 10 s) and resolves with how it exited. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `node <args>` and resolves once its output matches `ready`. */
export function startProcess(name: string, args: readonly string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 30_000): Promise<Running> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const result = await exited;
      clearTimeout(force);
      return result;
    }
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The ${name} did not get ready within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => output, stop });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The ${name} exited (${code ?? signal}) before it was ready. Output:\n${output}`));
    });
  });
}

/** The gateway and the shop, running together. */
export interface Demo {
  readonly gateway: Running;
  readonly shop: Running;
  /** The gateway's origin, such as `http://127.0.0.1:40123`. */
  readonly gatewayOrigin: string;
  /** The shop's origin. */
  readonly shopOrigin: string;
  readonly credentials: { readonly appId: string; readonly appSecret: string };
  /** Stops both and removes their databases. */
  close(): Promise<void>;
}

/**
 * Starts the gateway (free port, fresh database, one merchant, notification retries after 1 s)
 * and then the shop against it with the same credentials.
 */
export async function startDemo(): Promise<Demo> {
  const entries = builtEntries();
  const dir = mkdtempSync(join(tmpdir(), "gatekit-demo-"));
  const credentials = { appId: "demo-shop", appSecret: "demo-shop-secret-for-the-browser-tests" };
  const started: Running[] = [];
  const close = async () => {
    await Promise.all(started.map((process) => process.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const gateway = await startProcess(
      "gateway",
      [
        entries.gateway, "start", "--port", "0",
        "--db", join(dir, "gateway.db"),
        "--merchant", `${credentials.appId}:${credentials.appSecret}`,
        "--notify-retry-delays", "1,1,1",
        "--log-level", "warn",
      ],
      {},
      /API base URL\s+(\S+)/,
    );
    started.push(gateway);
    const apiBase = gateway.match[1]!;
    const shop = await startProcess(
      "shop",
      [entries.shop],
      { GATEWAY_BASE_URL: apiBase, GATEKIT_APP_ID: credentials.appId, GATEKIT_APP_SECRET: credentials.appSecret, PORT: "0", SHOP_DB: join(dir, "shop.db"), SHOP_PUBLIC_URL: "" },
      /Shop URL\s+(\S+)/,
    );
    started.push(shop);
    return { gateway, shop, gatewayOrigin: new URL(apiBase).origin, shopOrigin: new URL(shop.match[1]!).origin, credentials, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Calls `condition` until it returns something truthy, or fails after `timeoutMs`. No fixed sleeps. */
export async function until<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
