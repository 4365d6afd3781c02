import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createNonce, formatAuthorization, parseAuthorization, signSync, verifySync } from "@gatekit/signature/node";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "./gateway.js";
import { type GatewayOptions, GatewayOptionsError, resolveOptions } from "./options.js";
import { durableDb, MERCHANT, paymentRequest, testGateway } from "../test/index.js";

const folder = mkdtempSync(join(tmpdir(), "gatekit-gateway-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const open: Gateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((gateway) => gateway.close()));
});
function start(options: GatewayOptions): Gateway {
  const gateway = createGateway({ logger: "silent", sweepIntervalMs: null, deliverNotifications: false, ...options });
  open.push(gateway);
  return gateway;
}

describe("options", () => {
  const invalid: [string, GatewayOptions, string][] = [
    ["a base path without its slash", { basePath: "pg" }, "basePath"],
    ["a base path ending in a slash", { basePath: "/pg/" }, "basePath"],
    ["a relative public URL", { publicUrl: "gateway.example.test" }, "publicUrl"],
    ["a public URL with a query", { publicUrl: "https://gateway.example.test/?x=1" }, "publicUrl"],
    ["a negative clock tolerance", { clockToleranceMs: -1 }, "clockToleranceMs"],
    ["a fractional expiry", { paymentExpiryMs: 1.5 }, "paymentExpiryMs"],
    ["a sweep interval of 0", { sweepIntervalMs: 0 }, "sweepIntervalMs"],
    ["a negative retry delay", { notifyRetryDelaysMs: [15_000, -1] }, "notifyRetryDelaysMs[1]"],
    ["a merchant without a secret", { merchants: [{ appId: "a", appSecret: "" }] }, "merchants[0].appSecret"],
    ["a secret with a line break", { merchants: [{ appId: "a", appSecret: "x\ny" }] }, "merchants[0].appSecret"],
    ["an appId with a comma", { merchants: [{ appId: "a,b", appSecret: "s" }] }, "merchants[0].appId"],
    [
      "the same appId twice",
      {
        merchants: [
          { appId: "a", appSecret: "s" },
          { appId: "a", appSecret: "t" },
        ],
      },
      "merchants",
    ],
    [
      "an unknown operation",
      { merchants: [{ appId: "a", appSecret: "s", operations: ["refundPayment" as never] }] },
      "merchants[0].operations",
    ],
    [
      "an allowed host with a scheme",
      { merchants: [{ appId: "a", appSecret: "s", allowedHosts: ["https://x.example"] }] },
      "merchants[0].allowedHosts",
    ],
    ["a balance that is not an amount", { defaultBalances: { INR: "100" } }, "defaultBalances.INR"],
    ["a balance in a lowercase currency", { defaultBalances: { inr: "1.00" } }, "defaultBalances"],
    ["a short control token", { controlToken: "short" }, "controlToken"],
    ["a clock that is not a function", { now: 5 as never }, "now"],
  ];
  it.each(invalid)("refuses %s, naming the option", (_name, options, option) => {
    expect(() => resolveOptions(options)).toThrow(GatewayOptionsError);
    try {
      resolveOptions(options);
    } catch (error) {
      expect((error as GatewayOptionsError).option).toBe(option);
      expect((error as Error).message).toMatch(
        new RegExp(`^Invalid gateway option ${option.replace(/[[\].]/g, "\\$&")}: `),
      );
    }
  });

  it("has the documented defaults", () => {
    const options = resolveOptions();
    expect(options).toMatchObject({
      db: ":memory:",
      basePath: "/pg",
      publicUrl: null,
      clockToleranceMs: 300_000,
      paymentExpiryMs: 1_800_000,
      refundDelayMs: 1000,
      payoutDelayMs: 1000,
      scenarioDelayMs: 1000,
      sweepIntervalMs: 1000,
      notifyRetryDelaysMs: [15_000, 60_000, 300_000, 900_000, 3_600_000, 7_200_000, 21_600_000],
      deliverNotifications: true,
      controlToken: null,
      defaultBalances: { INR: 10_000_000n, BRL: 10_000_000n },
    });
    expect(options.docsPath).toMatch(/apps\/docs\/dist\/index\.html$/);
  });

  it("drops a public URL's trailing slash", () => {
    expect(resolveOptions({ publicUrl: "https://gw.example.test/sandbox/" }).publicUrl).toBe(
      "https://gw.example.test/sandbox",
    );
  });
});

describe("merchants at start", () => {
  it("makes up a sandbox merchant on first start and keeps it in the database", async () => {
    const db = durableDb();
    const first = start({ db });
    const [sandbox] = await first.merchants();
    expect(sandbox).toMatchObject({
      origin: "sandbox",
      appId: expect.stringMatching(/^[0-9a-f]{32}$/),
      appSecret: expect.stringMatching(/^[0-9a-f]{48}$/),
    });
    await first.close();
    const second = start({ db });
    expect(await second.merchants()).toEqual([sandbox]);
    expect(second.secretFor(sandbox!.appId)).toBe(sandbox!.appSecret);
  });

  it("uses fixed sandbox credentials when given, and none at all when turned off", async () => {
    const fixed = start({
      sandboxMerchant: { appId: "sandbox-app", appSecret: "sandbox-secret", balances: { USD: "1.00" } },
    });
    expect(await fixed.merchants()).toEqual([
      { appId: "sandbox-app", appSecret: "sandbox-secret", origin: "sandbox", disabled: false },
    ]);
    expect(await start({ sandboxMerchant: false }).merchants()).toEqual([]);
  });

  it(
    "makes no sandbox merchant when merchants are configured, " +
      "and applies changed settings on the next start without touching balances",
    async () => {
      const db = durableDb();
      const first = start({ db, merchants: [{ ...MERCHANT, balances: { INR: "10.00" } }] });
      expect((await first.merchants()).map((m) => m.origin)).toEqual(["configured"]);
      await first.close();
      const second = start({
        db,
        merchants: [{ appId: MERCHANT.appId, appSecret: "rotated-secret", balances: { INR: "99.00" } }],
      });
      await second.ready;
      expect(second.secretFor(MERCHANT.appId)).toBe("rotated-secret");
      const balance = await second.store.transaction((tx) => tx.balances.get(MERCHANT.appId, "INR"));
      expect(balance?.available).toBe(1000n);
    },
  );

  it("reports a database it cannot open at once", () => {
    expect(() => createGateway({ db: "/proc/version/x/gateway.db", logger: "silent" })).toThrow(/database/);
  });
});

describe("the docs page", () => {
  it("serves the built page at /docs", async () => {
    const page = join(folder, "index.html");
    writeFileSync(page, "<!doctype html><title>Gateway V2 API</title>");
    const gateway = start({ docsPath: page });
    const response = await gateway.fetch(new Request("http://gateway.test/docs"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("Gateway V2 API");
  });

  it("answers a helpful 404 page when the docs are not built", async () => {
    const gateway = start({ docsPath: join(folder, "missing", "index.html") });
    const response = await gateway.fetch(new Request("http://gateway.test/docs"));
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("The API docs are not built");
    expect(html).toContain("pnpm docs");
  });
});

describe("served on a real port", () => {
  it(
    "answers signed requests over loopback through @hono/node-server, " + "verifying the Host the client used",
    async () => {
      const t = testGateway();
      open.push(t.gateway);
      const server = serve({ fetch: t.gateway.fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise<void>((resolve) => server.once("listening", () => resolve()));
      try {
        const { port } = server.address() as AddressInfo;
        const url = `http://127.0.0.1:${port}/pg/v2/payment/create`;
        const body = JSON.stringify(paymentRequest());
        const timestamp = String(t.clock.now());
        const nonce = createNonce();
        const sign = signSync({ appId: MERCHANT.appId, appSecret: MERCHANT.appSecret, url, timestamp, nonce, body });
        const response = await fetch(url, {
          method: "POST",
          headers: {
            authorization: formatAuthorization({ appId: MERCHANT.appId, sign, timestamp, nonce }),
            "content-type": "application/json",
            "user-agent": "loopback-test/1.0",
          },
          body,
        });
        const text = await response.text();
        expect(response.status).toBe(200);
        expect(JSON.parse(text).code).toBe("OK");
        const parts = parseAuthorization(response.headers.get("authorization"));
        expect(verifySync({ ...parts, appSecret: MERCHANT.appSecret, url, body: text })).toBe(true);

        const control = await fetch(`http://127.0.0.1:${port}/__gateway/health`);
        expect(control.status).toBe(200);
        const tooBig = await fetch(url, {
          method: "POST",
          headers: {
            authorization: formatAuthorization({ appId: MERCHANT.appId, sign, timestamp, nonce: createNonce() }),
          },
          body: "x".repeat(2_000_000),
        });
        expect(tooBig.status).toBe(413);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );
});
