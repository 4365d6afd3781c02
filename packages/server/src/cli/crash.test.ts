// The CLI as a real process, killed with SIGKILL while notifications are pending or in flight and
// restarted on the same database: every notification still arrives. Runs the built CLI.

import { until } from "@gatekit/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { durableDb } from "../../test/index.js";
import { type CliProcess, builtCli, printedCredentials, startCli } from "../../test/cli.js";
import { type Merchant, paymentBody, signedCall, startMerchant } from "../../test/shop.js";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => {
  builtCli();
});

async function cli(args: string[]): Promise<CliProcess> {
  const process = await startCli(args);
  cleanups.push(() => process.kill("SIGKILL"));
  return process;
}

async function merchant(mode: "ok" | "error" | "hang"): Promise<Merchant> {
  const shop = await startMerchant(mode);
  cleanups.push(() => shop.close());
  return shop;
}

interface ControlNotification {
  id: string;
  objectNo: string;
  status: string;
  attempts: number;
  body: string;
  attemptLog: Array<{ attempt: number; outcome: string; httpStatus: number | null }>;
}

async function notifications(gateway: CliProcess): Promise<ControlNotification[]> {
  const response = await fetch(`${gateway.origin}/__gateway/notifications?limit=1000`);
  const envelope = (await response.json()) as { data: { notifications: ControlNotification[] } };
  return envelope.data.notifications;
}

/** Creates payments through the signed API and settles them through the control API. */
async function settledPayments(gateway: CliProcess, shop: Merchant, count: number): Promise<Map<string, string>> {
  const credentials = shop.credentials!;
  const statuses = ["PAID", "FAILED", "CLOSED"] as const;
  const expected = new Map<string, string>();
  for (let i = 0; i < count; i += 1) {
    const created = await signedCall<{ paymentNo: string }>(
      `${gateway.apiBase}/v2/payment/create`,
      paymentBody(`CRASH-${Date.now()}-${i}`, { notifyUrl: shop.notifyUrl, returnUrl: shop.returnUrl }),
      credentials,
    );
    expect(created.code).toBe("OK");
    const status = statuses[i % statuses.length]!;
    const outcome = await fetch(`${gateway.origin}/__gateway/payments/${created.data.paymentNo}/outcome`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status }),
    });
    expect(((await outcome.json()) as { code: string }).code).toBe("OK");
    expected.set(created.data.paymentNo, status);
  }
  return expected;
}

function acknowledgedPayments(shop: Merchant): Map<string, string> {
  const acknowledged = new Map<string, string>();
  for (const entry of shop.received) {
    if (entry.answered === "ok" && entry.notification?.kind === "payment") {
      acknowledged.set(entry.notification.data.paymentNo, entry.notification.data.status);
    }
  }
  return acknowledged;
}

describe("gatekit-gateway after a crash", () => {
  it("delivers every pending notification once restarted on the same database after SIGKILL", async () => {
    const db = durableDb();
    // Enough retries one second apart that none runs out while the gateway is down.
    const args = [
      "start",
      "--port",
      "0",
      "--db",
      db,
      "--log-level",
      "warn",
      "--notify-retry-delays",
      Array(30).fill("1").join(","),
    ];
    const shop = await merchant("error");
    const first = await cli(args);
    shop.credentials = printedCredentials(first.output());
    const expected = await settledPayments(first, shop, 9);

    // Every notification has been tried, refused and recorded at least once: pending in the outbox,
    // and (almost always) none in flight, so the restart needs no lease to run out.
    await until(async () => {
      const list = (await notifications(first)).filter((n) => expected.has(n.objectNo));
      return list.length === expected.size && list.every((n) => n.status === "pending" && n.attemptLog.length > 0);
    }, "a first refused attempt of every notification");
    expect(shop.received.every((entry) => entry.verified)).toBe(true);
    expect((await first.kill("SIGKILL")).signal).toBe("SIGKILL");

    shop.mode = "ok";
    const second = await cli(args);
    // The sandbox merchant was kept in the database: same credentials after the restart.
    expect(printedCredentials(second.output())).toEqual(shop.credentials);

    // Within a second or two; a delivery that happened to be in flight at the kill waits for its lease (15 s).
    await until(
      () => acknowledgedPayments(shop).size === expected.size,
      "every notification to be acknowledged after the restart",
      45_000,
    );
    expect(acknowledgedPayments(shop)).toEqual(expected);
    expect(shop.received.every((entry) => entry.verified)).toBe(true);

    // The outbox agrees: each one delivered, its attempts recorded across both processes.
    const outbox = await until(async () => {
      const list = (await notifications(second)).filter((n) => expected.has(n.objectNo));
      return list.length === expected.size && list.every((n) => n.status === "delivered") ? list : undefined;
    }, "the outbox to show every notification delivered");
    for (const notification of outbox) {
      expect(notification.attemptLog.at(-1)).toMatchObject({ outcome: "acknowledged", httpStatus: 200 });
      expect(notification.attemptLog.slice(0, -1).every((attempt) => attempt.outcome === "bad_status")).toBe(true);
      // Same content on every attempt, freshly signed each time.
      const attempts = shop.received.filter(
        (entry) =>
          entry.notification?.kind === "payment" && entry.notification.data.paymentNo === notification.objectNo,
      );
      expect(new Set(attempts.map((entry) => entry.raw))).toEqual(new Set([notification.body]));
      expect(new Set(attempts.map((entry) => entry.notification!.nonce)).size).toBe(attempts.length);
    }
    expect(shop.received[0]?.userAgent).toMatch(/^gatekit-gateway\/\d+\.\d+\.\d+/);

    expect(await second.kill("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 90_000);

  it("delivers a notification whose delivery was in flight when the process died, " +
    "once its lease runs out", async () => {
    const db = durableDb();
    const args = ["start", "--port", "0", "--db", db, "--log-level", "warn"];
    const shop = await merchant("hang");
    const first = await cli(args);
    shop.credentials = printedCredentials(first.output());
    const expected = await settledPayments(first, shop, 3);
    await until(() => shop.received.length >= 3, "the three deliveries to be in flight");
    await first.kill("SIGKILL");

    shop.mode = "ok";
    const second = await cli(args);
    // The dead process's lease (timeout + 5 s) must run out before the row is claimed again.
    await until(
      () => acknowledgedPayments(shop).size === expected.size,
      "the in-flight notifications to be delivered again",
      45_000,
    );
    expect(acknowledgedPayments(shop)).toEqual(expected);
    // Recorded just after the shop answered, so wait for the outbox to catch up.
    await until(async () => {
      const outbox = (await notifications(second)).filter((n) => expected.has(n.objectNo));
      return outbox.length === 3 && outbox.every((n) => n.status === "delivered");
    }, "the outbox to show the three notifications delivered");
    expect(await second.kill("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 90_000);
});
