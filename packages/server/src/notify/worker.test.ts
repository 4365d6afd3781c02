import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAuthorization, verifySync } from "@gatekit/signature/node";
import { until } from "@gatekit/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  type DeliveryAttempt,
  type NotificationRecord,
  type NotificationRepository,
  type NotificationStatus,
  newNotification,
} from "../storage/notifications.js";
import { type OutboxStore, createDeliveryWorker } from "./worker.js";

// An in-memory outbox with the repository's semantics, so the worker is tested on its own; the
// SQLite repository has its own tests, and the CLI tests run the two together.
function memoryOutbox(): OutboxStore & { rows: Map<string, NotificationRecord>; log: DeliveryAttempt[] } {
  const rows = new Map<string, NotificationRecord>();
  const log: DeliveryAttempt[] = [];
  const notifications: NotificationRepository = {
    async enqueue(input) {
      const row = newNotification(input);
      rows.set(row.id, row);
      return { ...row };
    },
    async claimDue({ now, limit, leaseMs }) {
      const due = [...rows.values()]
        .filter(
          (row) =>
            row.status === "pending" && row.nextAttemptAt <= now && (row.leaseUntil === null || row.leaseUntil <= now),
        )
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
        .slice(0, limit);
      for (const row of due) row.leaseUntil = now + leaseMs;
      return due.map((row) => ({ ...row }));
    },
    async recordAttempt(attempt, next) {
      const row = rows.get(attempt.notificationId)!;
      log.push(attempt);
      Object.assign(row, next, { attempts: row.attempts + 1, leaseUntil: null });
    },
    async get(id) {
      const row = rows.get(id);
      return row ? { ...row } : null;
    },
    async list() {
      return [...rows.values()].map((row) => ({ ...row }));
    },
    async attempts(id) {
      return log.filter((attempt) => attempt.notificationId === id);
    },
    async resend(id, now) {
      const row = rows.get(id);
      if (!row) return null;
      Object.assign(row, { status: "pending" as NotificationStatus, nextAttemptAt: now, leaseUntil: null });
      return { ...row };
    },
  };
  return { rows, log, transaction: (work) => work({ notifications }) };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

/** A loopback merchant whose answer can be switched; records every request. */
async function merchant() {
  const state = { status: 500, body: "not yet", hang: false };
  const received: Array<{ authorization: string | undefined; body: string }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ authorization: req.headers.authorization, body: Buffer.concat(chunks).toString() });
      if (!state.hang) res.writeHead(state.status).end(state.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, state, received };
}

const secretFor = (appId: string) => (appId === "app_1" ? "secret_1" : undefined);

describe("createDeliveryWorker", () => {
  it("walks the retry schedule on a fake clock, then marks the notification delivered", async () => {
    const store = memoryOutbox();
    const shop = await merchant();
    let clock = 1_000_000;
    const worker = createDeliveryWorker({
      store,
      secretFor,
      retryDelaysMs: [10_000, 60_000],
      now: () => clock,
      timeoutMs: 5000,
    });
    const { id } = await store.transaction((tx) =>
      tx.notifications.enqueue({
        id: "NTF1",
        appId: "app_1",
        kind: "payment",
        objectNo: "PAY1",
        notifyUrl: shop.url,
        body: '{"a":1}',
        now: clock,
      }),
    );

    expect(await worker.runOnce()).toBe(1);
    expect(store.rows.get(id)).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: clock + 10_000 });
    expect(await worker.runOnce()).toBe(0);

    clock += 9_999;
    expect(await worker.runOnce()).toBe(0);
    clock += 1;
    shop.state.status = 200;
    shop.state.body = '{"code":"OK"}';
    expect(await worker.runOnce()).toBe(1);
    expect(store.rows.get(id)).toMatchObject({ status: "delivered", attempts: 2, deliveredAt: clock });
    expect(store.log.map((attempt) => [attempt.attempt, attempt.outcome, attempt.httpStatus])).toEqual([
      [1, "bad_status", 500],
      [2, "acknowledged", 200],
    ]);
    // Same content both times, each verified against its own fresh signature.
    for (const request of shop.received) {
      const parts = parseAuthorization(request.authorization);
      expect(request.body).toBe('{"a":1}');
      expect(verifySync({ ...parts, appSecret: "secret_1", url: shop.url, body: request.body })).toBe(true);
    }
  });

  it("gives up after the last attempt of the schedule", async () => {
    const store = memoryOutbox();
    const shop = await merchant();
    const worker = createDeliveryWorker({ store, secretFor, retryDelaysMs: [0, 0, 0] });
    const { id } = await store.transaction((tx) =>
      tx.notifications.enqueue({
        id: "NTF1",
        appId: "app_1",
        kind: "payment",
        objectNo: "PAY1",
        notifyUrl: shop.url,
        body: "{}",
        now: Date.now(),
      }),
    );
    expect(await worker.runOnce()).toBe(4);
    expect(store.rows.get(id)).toMatchObject({ status: "failed", attempts: 4 });
    expect(shop.received).toHaveLength(4);
  });

  it("records an attempt without sending when the merchant's secret is unknown", async () => {
    const store = memoryOutbox();
    const shop = await merchant();
    const worker = createDeliveryWorker({ store, secretFor, retryDelaysMs: [60_000] });
    const { id } = await store.transaction((tx) =>
      tx.notifications.enqueue({
        id: "NTF1",
        appId: "app_gone",
        kind: "payment",
        objectNo: "PAY1",
        notifyUrl: shop.url,
        body: "{}",
        now: Date.now(),
      }),
    );
    await worker.runOnce();
    expect(shop.received).toHaveLength(0);
    expect(store.log[0]).toMatchObject({ notificationId: id, outcome: "connection_error" });
    expect(store.log[0]?.detail).toMatch(/no secret is known for appId app_gone/);
  });

  it("delivers in the background once started, woken by a new notification", async () => {
    const store = memoryOutbox();
    const shop = await merchant();
    shop.state.status = 200;
    shop.state.body = '{"code":"OK"}';
    const worker = createDeliveryWorker({ store, secretFor, pollIntervalMs: 60_000 });
    worker.start();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        ids.push(
          (
            await store.transaction((tx) =>
              tx.notifications.enqueue({
                id: `NTF${i}`,
                appId: "app_1",
                kind: "payment",
                objectNo: `PAY${i}`,
                notifyUrl: shop.url,
                body: `{"n":${i}}`,
                now: Date.now(),
              }),
            )
          ).id,
        );
        worker.wake();
      }
      await until(
        () => ids.every((id) => store.rows.get(id)?.status === "delivered"),
        "every notification to be delivered",
      );
      expect(shop.received).toHaveLength(20);
    } finally {
      await worker.stop();
    }
  });

  it("waits for deliveries in flight when stopped", async () => {
    const store = memoryOutbox();
    // A merchant that never answers, reached without a socket: over loopback a busy machine could
    // let the 300 ms timeout run out before the request arrived, and the retry is 15 s away.
    let arrived = 0;
    const hangingFetch: typeof fetch = async (_input, init) => {
      arrived += 1;
      const signal = init!.signal!;
      return new Promise<Response>((_resolve, reject) => {
        if (signal.aborted) reject(signal.reason);
        else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    };
    const worker = createDeliveryWorker({ store, secretFor, fetch: hangingFetch, timeoutMs: 300, pollIntervalMs: 10 });
    const { id } = await store.transaction((tx) =>
      tx.notifications.enqueue({
        id: "NTF1",
        appId: "app_1",
        kind: "payment",
        objectNo: "PAY1",
        notifyUrl: "http://merchant.invalid/",
        body: "{}",
        now: Date.now(),
      }),
    );
    worker.start();
    await until(() => arrived === 1, "the first attempt to arrive");
    await worker.stop();
    expect(worker.running).toBe(false);
    expect(store.rows.get(id)).toMatchObject({ attempts: 1, leaseUntil: null, status: "pending" });
    expect(store.log[0]?.outcome).toBe("timeout");
  });

  it("never holds more deliveries in flight than its concurrency", async () => {
    const store = memoryOutbox();
    let active = 0;
    let peak = 0;
    const slowFetch: typeof fetch = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active -= 1;
      return new Response('{"code":"OK"}', { status: 200 });
    };
    const worker = createDeliveryWorker({ store, secretFor, fetch: slowFetch, concurrency: 3, pollIntervalMs: 5 });
    for (let i = 0; i < 12; i += 1) {
      await store.transaction((tx) =>
        tx.notifications.enqueue({
          id: `NTF${i}`,
          appId: "app_1",
          kind: "payment",
          objectNo: `P${i}`,
          notifyUrl: "http://merchant.invalid/",
          body: "{}",
          now: Date.now(),
        }),
      );
    }
    worker.start();
    try {
      await until(() => [...store.rows.values()].every((row) => row.status === "delivered"), "all deliveries");
    } finally {
      await worker.stop();
    }
    expect(peak).toBeLessThanOrEqual(3);
  });

  it("refuses a lease no longer than the timeout", () => {
    expect(() => createDeliveryWorker({ store: memoryOutbox(), secretFor, timeoutMs: 5000, leaseMs: 5000 })).toThrow(
      /leaseMs/,
    );
  });
});
