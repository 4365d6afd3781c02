// A real Next.js app (test/next-app, App Router) whose route handler is `nextRouteHandler`: built
// with `next build`, then served in this process by Next's own production server on loopback.

import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { closeServer, listen } from "@gatekit/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { examples } from "../../test/fixtures.js";
import { config, fresh, post, reasonOf } from "../../test/http.js";
import { ACK, signNotification, type Notification } from "../index.js";

const dir = fileURLToPath(new URL("../../test/next-app", import.meta.url));
const require = createRequire(import.meta.url);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
// Next's own types of its default export do not survive NodeNext's CommonJS interop, so the few
// members used here are typed by hand; require("next") is the factory itself.
type NextServerFactory = (options: { dev: boolean; dir: string; hostname: string; port: number }) => {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  close(): Promise<void>;
};
const seen = (): Notification[] => (globalThis as { gatekitNotifications?: Notification[] }).gatekitNotifications ?? [];

describe("nextRouteHandler in a real Next.js app", () => {
  let server: Server;
  let url: string;
  let app: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    process.env["NEXT_TELEMETRY_DISABLED"] = "1";
    await promisify(execFile)(process.execPath, [require.resolve("next/dist/bin/next"), "build", dir], {
      env,
      timeout: 170_000,
    });
    const next = require("next") as NextServerFactory;
    const nextApp = next({ dev: false, dir, hostname: "127.0.0.1", port: 0 });
    await nextApp.prepare();
    app = nextApp;
    const handle = nextApp.getRequestHandler();
    server = createServer((req, res) => void handle(req, res));
    url = `${await listen(server)}/gateway/notify`;
  }, 180_000);

  afterAll(async () => {
    if (server) await closeServer(server);
    await app?.close();
  });

  it.each(["payment", "refund", "payout"] as const)("acknowledges a %s notification", async (kind) => {
    const reply = await post(url, await fresh(kind));
    expect(reply).toEqual({ status: 200, contentType: "application/json", text: ACK });
    expect(seen().at(-1)).toMatchObject({ kind, data: examples[kind] });
  });

  it("answers 401 for a bad signature, and for a genuine header with an edited body", async () => {
    const forged = await post(url, await signNotification({ ...config, appSecret: "other", data: examples.payment }));
    expect([forged.status, reasonOf(forged)]).toEqual([401, "bad_signature"]);
    const n = await fresh();
    const swapped = await post(url, { ...n, body: (n.body as string).replace("100.05", "999.99") });
    expect([swapped.status, reasonOf(swapped)]).toEqual([401, "bad_signature"]);
  });

  it("answers 400 for a signed body that is not a notification", async () => {
    const reply = await post(
      url,
      await signNotification({ ...config, body: '{"code":"OK","errorMessage":null,"data":{}}' }),
    );
    expect([reply.status, reasonOf(reply)]).toEqual([400, "invalid_body"]);
  });

  it("lets Next.js answer 500 when onNotification throws, so the gateway retries", async () => {
    // Next.js logs the route's error itself; keep it out of the test output but check it.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const reply = await post(
        url,
        await signNotification({ ...config, data: { ...examples.payment, merchantAttach: "fail" } }),
      );
      expect(reply.status).toBe(500);
      expect(String(logged.mock.calls.flat())).toContain("database down");
    } finally {
      logged.mockRestore();
    }
  });
});
