// The gateway and the shop as real processes, as `npm start` runs them: the gateway's built CLI
// (the `gatekit-gateway` bin of @gatekit/server) and the shop's build, each on a free loopback
// port, with their databases in a temporary directory. For the browser tests only.

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningProcess, startProcess } from "@gatekit/testing";

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
      `Not built: ${missing.join(", ")}. ` +
        `Build with \`pnpm exec turbo run build --filter=@gatekit/demo-merchant...\` from the repository root, ` +
        `or run \`npm test\`, which builds first.`,
    );
  }
  return { gateway, shop: SHOP_MAIN };
}

/** The gateway and the shop, running together. */
export interface Demo {
  readonly gateway: RunningProcess;
  readonly shop: RunningProcess;
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
  const started: RunningProcess[] = [];
  const close = async () => {
    await Promise.all(started.map((process) => process.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const gateway = await startProcess(
      "gateway",
      [
        entries.gateway,
        "start",
        "--port",
        "0",
        "--db",
        join(dir, "gateway.db"),
        "--merchant",
        `${credentials.appId}:${credentials.appSecret}`,
        "--notify-retry-delays",
        "1,1,1",
        "--log-level",
        "warn",
      ],
      /API base URL\s+(\S+)/,
    );
    started.push(gateway);
    const apiBase = gateway.match[1]!;
    const shop = await startProcess("shop", [entries.shop], /Shop URL\s+(\S+)/, {
      env: {
        GATEWAY_BASE_URL: apiBase,
        GATEKIT_APP_ID: credentials.appId,
        GATEKIT_APP_SECRET: credentials.appSecret,
        PORT: "0",
        SHOP_DB: join(dir, "shop.db"),
        SHOP_PUBLIC_URL: "",
      },
    });
    started.push(shop);
    return {
      gateway,
      shop,
      gatewayOrigin: new URL(apiBase).origin,
      shopOrigin: new URL(shop.match[1]!).origin,
      credentials,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
