// Several gateway processes on one PostgreSQL database behind a round-robin proxy on loopback,
// as a team's shared sandbox runs: they behave as one gateway. Runs the built CLI, in the
// `server-postgres` project only.

import { spawnSync } from "node:child_process";
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import { until } from "@gatekit/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { durableDb } from "../../test/index.js";
import { type CliProcess, type Credentials, builtCli, printedCredentials, startCli } from "../../test/cli.js";
import { paymentBody, signedCall, startMerchant } from "../../test/shop.js";

const SHOP: Credentials = { appId: "shop_shared", appSecret: "shared-sandbox-secret-1" };

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  builtCli();
});

/** A proxy that hands each request to the next backend in turn; `backends` can be filled later. */
async function roundRobin(): Promise<{ origin: string; backends: string[]; served: Map<string, number> }> {
  const backends: string[] = [];
  const served = new Map<string, number>();
  let next = 0;
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? "/", backends[next++ % backends.length]);
    served.set(target.origin, (served.get(target.origin) ?? 0) + 1);
    const upstream = forward(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, backends, served };
}

async function instance(db: string, publicUrl: string): Promise<CliProcess> {
  const args = [
    "start",
    "--port",
    "0",
    "--db",
    db,
    "--log-level",
    "warn",
    "--public-url",
    publicUrl,
    "--merchant",
    `${SHOP.appId}:${SHOP.appSecret}`,
    "--notify-timeout",
    "1",
    "--notify-retry-delays",
    Array(20).fill("1").join(","),
  ];
  const process = await startCli(args);
  cleanups.push(() => process.kill("SIGKILL"));
  return process;
}

async function control<T>(origin: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${origin}/__gateway${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return ((await response.json()) as { data: T }).data;
}

describe("gatekit-gateway on PostgreSQL", () => {
  it("takes its database from DATABASE_URL and never prints or logs the password", async () => {
    const url = new URL(durableDb());
    // The throwaway server trusts loopback, so the password is accepted and ignored.
    url.password = "hunter2-not-for-logs";
    const gateway = await startCli(["start", "--port", "0", "--log-level", "info"], {
      env: { DATABASE_URL: url.toString() },
    });
    cleanups.push(() => gateway.kill("SIGKILL"));
    const shop = await startMerchant();
    const credentials = printedCredentials(gateway.output());
    expect(
      (await signedCall(`${gateway.apiBase}/v2/payment/create`, paymentBody(`ENV-${Date.now()}`, shop), credentials))
        .code,
    ).toBe("OK");
    const shown = new URL(url);
    shown.password = "***";
    expect(gateway.output()).toContain(`Database        ${shown.toString()}`);
    expect(await gateway.kill("SIGTERM")).toEqual({ code: 0, signal: null });
    expect(gateway.output()).not.toContain("hunter2-not-for-logs");
    await shop.close();
  }, 30_000);

  it("exits with a clear message, without the password, when the database cannot be reached", () => {
    const result = spawnSync(
      process.execPath,
      [builtCli(), "start", "--port", "0", "--db", "postgres://gatekit:hunter2-not-for-logs@127.0.0.1:1/sandbox"],
      {
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        /Cannot connect to the database postgres:\/\/gatekit:\*\*\*@127\.0\.0\.1:1\/sandbox: /.source +
          /.*Check that the server runs and the URL is right/.source,
      ),
    );
    expect(result.stdout + result.stderr).not.toContain("hunter2-not-for-logs");
  });
});

describe("several gateway instances on one PostgreSQL database", () => {
  it("make one payment, one refund and one payout of concurrent duplicates spread across them, " +
    "and share the nonces", async () => {
    const db = durableDb();
    const proxy = await roundRobin();
    const instances = [
      await instance(db, proxy.origin),
      await instance(db, proxy.origin),
      await instance(db, proxy.origin),
    ];
    proxy.backends.push(...instances.map((gateway) => gateway.listening));
    const shop = await startMerchant();
    const api = `${proxy.origin}/pg`;

    const payment = paymentBody(`SHARED-${Date.now()}`, shop);
    const created = await Promise.all(
      Array.from({ length: 30 }, () => signedCall<{ paymentNo: string }>(`${api}/v2/payment/create`, payment, SHOP)),
    );
    expect(new Set(created.map((response) => response.code))).toEqual(new Set(["OK"]));
    expect(new Set(created.map((response) => response.data.paymentNo)).size).toBe(1);
    for (const gateway of instances) expect(proxy.served.get(gateway.listening)).toBeGreaterThanOrEqual(10);

    const rival = paymentBody(`RIVAL-${Date.now()}`, shop);
    const rivals = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        signedCall(`${api}/v2/payment/create`, { ...rival, description: `Attempt ${index}` }, SHOP),
      ),
    );
    expect(rivals.filter((response) => response.code === "OK")).toHaveLength(1);
    expect(rivals.filter((response) => response.code === "Payment.Common.Duplicate_Trade_No")).toHaveLength(29);

    // A full refund sent 30 times at once: one refund, and every caller gets it (none is told the
    // amount is exhausted by its own duplicate).
    await control(instances[0]!.listening, `/payments/${created[0]!.data.paymentNo}/outcome`, { status: "PAID" });
    const refund = {
      merchantRefundNo: `RF-SHARED-${Date.now()}`,
      paymentNo: created[0]!.data.paymentNo,
      amount: payment.amount,
      description: "Full refund",
    };
    const refunds = await Promise.all(
      Array.from({ length: 30 }, () => signedCall<{ refundNo: string }>(`${api}/v2/refund/create`, refund, SHOP)),
    );
    expect(new Set(refunds.map((response) => response.code))).toEqual(new Set(["OK"]));
    expect(new Set(refunds.map((response) => response.data.refundNo)).size).toBe(1);

    // Funds are frozen once, however many instances took the duplicate.
    const before = await control<{
      balanceList: Array<{ currency: string; availableAmount: string; frozenAmount: string }>;
    }>(instances[0]!.listening, `/merchants/${SHOP.appId}/balances`);
    const inr = before.balanceList.find((balance) => balance.currency === "INR")!;
    const payout = {
      merchantTradeNo: `PO-SHARED-${Date.now()}`,
      amount: "10.00",
      currency: "INR",
      description: "Supplier payment",
      payoutMethod: { type: "UPI", vpa: "ravi.kumar@okbank", payeeName: "Ravi Kumar" },
      notifyUrl: shop.notifyUrl,
    };
    const payouts = await Promise.all(
      Array.from({ length: 30 }, () => signedCall<{ payoutNo: string }>(`${api}/v2/payout/create`, payout, SHOP)),
    );
    expect(new Set(payouts.map((response) => response.code))).toEqual(new Set(["OK"]));
    expect(new Set(payouts.map((response) => response.data.payoutNo)).size).toBe(1);
    const after = await control<typeof before>(instances[2]!.listening, `/merchants/${SHOP.appId}/balances`);
    const frozenNow = after.balanceList.find((balance) => balance.currency === "INR")!;
    // 10.00 plus the 1% fee, once.
    expect(toMinor(frozenNow.frozenAmount) - toMinor(inr.frozenAmount)).toBe(1010n);
    expect(toMinor(inr.availableAmount) - toMinor(frozenNow.availableAmount)).toBe(1010n);

    // A request replayed to another instance is refused there: the nonce check is shared.
    const body = JSON.stringify({ paymentNo: created[0]!.data.paymentNo });
    const timestamp = createTimestamp();
    const nonce = createNonce();
    const signed = (origin: string) => {
      const url = `${proxy.origin}/pg/v2/payment/query`;
      const sign = signSync({ ...SHOP, method: "POST", url, timestamp, nonce, body });
      return fetch(`${origin}/pg/v2/payment/query`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "gatekit-server-tests/1",
          authorization: formatAuthorization({ appId: SHOP.appId, sign, timestamp, nonce }),
        },
        body,
      });
    };
    expect((await signed(instances[0]!.listening)).status).toBe(200);
    const replay = await signed(instances[1]!.listening);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe("Common.Auth.Sign_Timeout");
    await shop.close();
  }, 60_000);

  it("know a merchant another instance added through its control API", async () => {
    const db = durableDb();
    const proxy = await roundRobin();
    const [a, b] = [await instance(db, proxy.origin), await instance(db, proxy.origin)];
    proxy.backends.push(b.listening);
    const added = { appId: "shop_added_later", appSecret: "added-later-secret-1" };
    await control(a.listening, "/merchants", added);
    const shop = await startMerchant();
    await until(
      async () =>
        (await signedCall(`${proxy.origin}/pg/v2/payment/create`, paymentBody(`LATE-${Date.now()}`, shop), added))
          .code === "OK",
      "the other instance to accept the new merchant",
      5000,
    );
    await control(a.listening, `/merchants/${added.appId}`, { disabled: true });
    await until(
      async () =>
        (await signedCall(`${proxy.origin}/pg/v2/payment/create`, paymentBody(`OFF-${Date.now()}`, shop), added))
          .code === "Common.Auth.Invalid_AppId",
      "the other instance to refuse the disabled merchant",
      5000,
    );
    await shop.close();
  }, 60_000);

  it("deliver the notifications a killed instance was delivering, from another instance, once each", async () => {
    const db = durableDb();
    const proxy = await roundRobin();
    const shop = await startMerchant("hang");
    shop.credentials = SHOP;
    const first = await instance(db, proxy.origin);
    proxy.backends.push(first.listening);
    const expected = new Map<string, string>();
    for (const [index, status] of (["PAID", "FAILED", "CLOSED"] as const).entries()) {
      const created = await signedCall<{ paymentNo: string }>(
        `${proxy.origin}/pg/v2/payment/create`,
        paymentBody(`KILL-${Date.now()}-${index}`, shop),
        SHOP,
      );
      expect(created.code).toBe("OK");
      await control(first.listening, `/payments/${created.data.paymentNo}/outcome`, { status });
      expected.set(created.data.paymentNo, status);
    }
    // The first instance holds all three, each delivery hanging at the shop.
    await until(() => shop.received.length >= 3, "the first instance's three deliveries to be in flight");
    const others = [await instance(db, proxy.origin), await instance(db, proxy.origin)];
    await first.kill("SIGKILL");
    shop.mode = "ok";

    // Their leases (1 s timeout + 5 s) run out, then one of the others claims each.
    await until(
      () => acknowledged(shop).size === expected.size,
      "the other instances to deliver the killed instance's notifications",
      30_000,
    );
    expect(acknowledged(shop)).toEqual(expected);
    // The outbox agrees once the attempts are recorded (just after the shop answered).
    await until(async () => {
      const outbox = await control<{ notifications: Array<{ objectNo: string; status: string }> }>(
        others[0]!.listening,
        "/notifications?limit=100",
      );
      const statuses = outbox.notifications.filter((n) => expected.has(n.objectNo)).map((n) => n.status);
      return statuses.length === expected.size && statuses.every((status) => status === "delivered");
    }, "the outbox to show the three notifications delivered");
    // Delivered once each: never two instances at a time.
    const acks = shop.received
      .filter((entry) => entry.answered === "ok")
      .map((entry) => entry.notification?.kind === "payment" && entry.notification.data.paymentNo);
    expect(acks.toSorted()).toEqual([...expected.keys()].toSorted());
    await shop.close();
  }, 60_000);
});

function acknowledged(shop: Awaited<ReturnType<typeof startMerchant>>): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of shop.received) {
    if (entry.answered === "ok" && entry.notification?.kind === "payment")
      result.set(entry.notification.data.paymentNo, entry.notification.data.status);
  }
  return result;
}

function toMinor(amount: string): bigint {
  const [whole, fraction = ""] = amount.split(".");
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, "0"));
}
