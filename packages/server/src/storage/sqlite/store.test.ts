import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { openDatabase } from "./database.js";
import { migrations } from "./migrations.js";
import { openSqliteStore } from "./store.js";

const folder = mkdtempSync(join(tmpdir(), "gatekit-store-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let store: Store | undefined;
afterEach(() => store?.close());
let files = 0;
const file = () => join(folder, `nested-${++files}`, "gateway.db");

describe("the SQLite database", () => {
  it("is created with its folder, in WAL mode, with every migration recorded", async () => {
    const path = file();
    store = openSqliteStore({ path });
    await store.close();
    const db = new BetterSqlite3(path, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT version, name FROM schema_migrations").all()).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    db.close();
  });

  it("keeps its data across a reopen", async () => {
    const path = file();
    store = openSqliteStore({ path });
    await store.transaction((tx) => tx.balances.set("app", "INR", { available: 123n, frozen: 4n }, 1));
    await store.close();
    store = openSqliteStore({ path });
    expect(await store.transaction((tx) => tx.balances.get("app", "INR"))).toEqual({ currency: "INR", available: 123n, frozen: 4n });
  });

  it("applies only the migrations a database does not have yet", () => {
    const path = file();
    const first = [{ version: 1, name: "one", sql: "CREATE TABLE one (x INTEGER)" }];
    openDatabase({ path, migrations: first }).close();
    const db = openDatabase({ path, migrations: [...first, { version: 2, name: "two", sql: "CREATE TABLE two (x INTEGER)" }] });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('one', 'two') ORDER BY name").all()).toEqual([{ name: "one" }, { name: "two" }]);
    db.close();
  });

  it("refuses a database made by a newer gateway, saying what to do", () => {
    const path = file();
    const db = openDatabase({ path });
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)").run();
    db.close();
    const latest = Math.max(...migrations.map((migration) => migration.version));
    expect(() => openDatabase({ path })).toThrow(
      new RegExp(`schema version 99, newer than this gateway knows \\(${latest}\\): use a newer @gatekit/server, or another db file`),
    );
  });

  it("says which path it cannot open", () => {
    expect(() => openSqliteStore({ path: "/proc/version/not-a-folder/gateway.db" })).toThrow(/Cannot (create the folder for|open) the database/);
  });
});

describe("transactions", () => {
  it("commit what the function did when it resolves, and roll it all back when it rejects", async () => {
    store = openSqliteStore({ path: ":memory:" });
    await store.transaction((tx) => tx.balances.set("app", "INR", { available: 1n, frozen: 0n }, 1));
    await expect(
      store.transaction(async (tx) => {
        await tx.balances.set("app", "INR", { available: 2n, frozen: 0n }, 2);
        await tx.balances.set("app", "BRL", { available: 2n, frozen: 0n }, 2);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await store.transaction((tx) => tx.balances.list("app"))).toEqual([{ currency: "INR", available: 1n, frozen: 0n }]);
  });

  it("run one at a time, so a read-then-write never interleaves with another", async () => {
    store = openSqliteStore({ path: ":memory:" });
    const s = store;
    await s.transaction((tx) => tx.balances.set("app", "INR", { available: 0n, frozen: 0n }, 1));
    await Promise.all(
      Array.from({ length: 100 }, () =>
        s.transaction(async (tx) => {
          const current = (await tx.balances.get("app", "INR"))!.available;
          await new Promise((resolve) => setImmediate(resolve));
          await tx.balances.set("app", "INR", { available: current + 1n, frozen: 0n }, 1);
        }),
      ),
    );
    expect((await s.transaction((tx) => tx.balances.get("app", "INR")))!.available).toBe(100n);
  });

  it("committed together keep their own atomicity: a failing one is undone alone", async () => {
    store = openSqliteStore({ path: file() });
    const s = store;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        s.transaction(async (tx) => {
          await tx.balances.set("app", `C${i}`, { available: BigInt(i), frozen: 0n }, 1);
          if (i % 3 === 0) throw new Error(`job ${i} fails`);
          return i;
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(["rejected", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled", "rejected"]);
    expect((await s.transaction((tx) => tx.balances.list("app"))).map((balance) => balance.currency)).toEqual(["C1", "C2", "C4", "C5", "C7", "C8"]);
  });

  it("work the same with group commit turned off", async () => {
    store = openSqliteStore({ path: ":memory:", maxBatch: 1 });
    const s = store;
    const results = await Promise.allSettled([s.transaction(async () => 1), s.transaction(async () => Promise.reject(new Error("no"))), s.transaction(async () => 3)]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("let close wait for the queued ones, and refuse new ones after", async () => {
    store = openSqliteStore({ path: ":memory:" });
    const s = store;
    const queued = s.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return tx.nonces.remember("app", "n", 10, 0);
    });
    const closed = s.close();
    expect(await queued).toBe(true);
    await closed;
    await expect(s.transaction(async () => 1)).rejects.toThrow(/is closed: the gateway was closed/);
    store = undefined;
  });
});

describe("repositories", () => {
  it("nonces: a second use within the expiry is refused, after it the nonce is free again, and purge forgets expired ones", async () => {
    store = openSqliteStore({ path: ":memory:" });
    const remember = (appId: string, nonce: string, expiresAt: number, now: number) => store!.transaction((tx) => tx.nonces.remember(appId, nonce, expiresAt, now));
    expect(await remember("a", "n1", 1000, 0)).toBe(true);
    expect(await remember("a", "n1", 1500, 1000)).toBe(false);
    expect(await remember("b", "n1", 1000, 0)).toBe(true);
    expect(await remember("a", "n1", 2001, 1001)).toBe(true);
    expect(await remember("a", "n2", 500, 0)).toBe(true);
    expect(await store.transaction((tx) => tx.nonces.purge(1500))).toBe(2);
  });

  it("balances: conditional changes never go below zero", async () => {
    store = openSqliteStore({ path: ":memory:" });
    const result = await store.transaction(async (tx) => {
      await tx.balances.credit("a", "INR", 1000n, 1);
      const debitTooMuch = await tx.balances.debit("a", "INR", 1001n, 1);
      const freezeTooMuch = await tx.balances.freeze("a", "INR", 1001n, 1);
      const froze = await tx.balances.freeze("a", "INR", 600n, 1);
      await tx.balances.spendFrozen("a", "INR", 100n, 1);
      await tx.balances.unfreeze("a", "INR", 500n, 1);
      const debited = await tx.balances.debit("a", "INR", 900n, 1);
      const missing = await tx.balances.freeze("a", "BRL", 1n, 1);
      return { debitTooMuch, freezeTooMuch, froze, debited, missing, balance: await tx.balances.get("a", "INR") };
    });
    expect(result).toEqual({ debitTooMuch: false, freezeTooMuch: false, froze: true, debited: true, missing: false, balance: { currency: "INR", available: 0n, frozen: 0n } });
    await expect(store.transaction((tx) => tx.balances.unfreeze("a", "INR", 1n, 1))).rejects.toThrow(/frozen INR balance of a/);
  });

  it("notifications: claimed under a lease, claimed again only once the lease runs out, attempts kept in order", async () => {
    store = openSqliteStore({ path: ":memory:" });
    const s = store;
    const enqueued = await s.transaction((tx) =>
      Promise.all(["P1", "P2", "P3"].map((objectNo, i) => tx.notifications.enqueue({ appId: "a", kind: "payment", objectNo, notifyUrl: "https://m/n", body: `{"i":${i}}`, now: 100 + i }))),
    );
    expect(enqueued[0]).toMatchObject({ id: expect.stringMatching(/^NTF\d{24}$/), status: "pending", attempts: 0, nextAttemptAt: 100, leaseUntil: null });
    const first = await s.transaction((tx) => tx.notifications.claimDue({ now: 101, limit: 10, leaseMs: 50 }));
    expect(first.map((n) => n.objectNo)).toEqual(["P1", "P2"]);
    expect(first[0]!.leaseUntil).toBe(151);
    expect(await s.transaction((tx) => tx.notifications.claimDue({ now: 120, limit: 10, leaseMs: 50 }))).toHaveLength(1);
    expect(await s.transaction((tx) => tx.notifications.claimDue({ now: 130, limit: 10, leaseMs: 50 }))).toHaveLength(0);
    const id = first[0]!.id;
    await s.transaction((tx) =>
      tx.notifications.recordAttempt(
        { notificationId: id, attempt: 1, startedAt: 101, durationMs: 12.6, httpStatus: 500, outcome: "bad_status", detail: "busy" },
        { status: "pending", nextAttemptAt: 1000, deliveredAt: null },
      ),
    );
    expect(await s.transaction((tx) => tx.notifications.get(id))).toMatchObject({ attempts: 1, status: "pending", nextAttemptAt: 1000, leaseUntil: null });
    const reclaimed = await s.transaction((tx) => tx.notifications.claimDue({ now: 200, limit: 10, leaseMs: 50 }));
    expect(reclaimed.map((n) => n.objectNo)).toEqual(["P2", "P3"]);
    await s.transaction((tx) =>
      tx.notifications.recordAttempt(
        { notificationId: id, attempt: 2, startedAt: 1000, durationMs: 3, httpStatus: 200, outcome: "acknowledged", detail: "" },
        { status: "delivered", nextAttemptAt: 1003, deliveredAt: 1003 },
      ),
    );
    expect(await s.transaction((tx) => tx.notifications.attempts(id))).toEqual([
      { notificationId: id, attempt: 1, startedAt: 101, durationMs: 13, httpStatus: 500, outcome: "bad_status", detail: "busy" },
      { notificationId: id, attempt: 2, startedAt: 1000, durationMs: 3, httpStatus: 200, outcome: "acknowledged", detail: "" },
    ]);
    expect((await s.transaction((tx) => tx.notifications.list({ status: "delivered" }))).map((n) => n.id)).toEqual([id]);
    expect(await s.transaction((tx) => tx.notifications.list({ objectNo: "P3", limit: 5 }))).toHaveLength(1);
    expect(await s.transaction((tx) => tx.notifications.list({ appId: "other" }))).toEqual([]);
    const resent = await s.transaction((tx) => tx.notifications.resend(id, 5000));
    expect(resent).toMatchObject({ status: "pending", nextAttemptAt: 5000, deliveredAt: null, attempts: 2 });
    expect(await s.transaction((tx) => tx.notifications.resend("NTF-none", 5000))).toBeNull();
  });

  it("merchants: saved, replaced and deleted by origin", async () => {
    store = openSqliteStore({ path: ":memory:" });
    const merchant = {
      appId: "a",
      appSecret: "s",
      allowedHosts: ["x.example"],
      operations: ["queryBalance" as const],
      disabled: false,
      startingBalances: { INR: 100n },
      origin: "control" as const,
      createdAt: 5,
    };
    await store.transaction((tx) => tx.merchants.save(merchant));
    expect(await store.transaction((tx) => tx.merchants.get("a"))).toEqual(merchant);
    await store.transaction((tx) => tx.merchants.save({ ...merchant, disabled: true, allowedHosts: null }));
    expect(await store.transaction((tx) => tx.merchants.get("a"))).toMatchObject({ disabled: true, allowedHosts: null });
    expect(await store.transaction((tx) => tx.merchants.deleteByOrigin("control"))).toBe(1);
    expect(await store.transaction((tx) => tx.merchants.list())).toEqual([]);
  });
});
