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
    expect(db.prepare("SELECT version, name FROM schema_migrations").all()).toEqual(
      migrations.map(({ version, name }) => ({ version, name })),
    );
    db.close();
  });

  it("keeps its data across a reopen", async () => {
    const path = file();
    store = openSqliteStore({ path });
    await store.transaction((tx) => tx.balances.set("app", "INR", { available: 123n, frozen: 4n }, 1));
    await store.close();
    store = openSqliteStore({ path });
    expect(await store.transaction((tx) => tx.balances.get("app", "INR"))).toEqual({
      currency: "INR",
      available: 123n,
      frozen: 4n,
    });
  });

  it("applies only the migrations a database does not have yet", () => {
    const path = file();
    const first = [{ version: 1, name: "one", sql: "CREATE TABLE one (x INTEGER)" }];
    openDatabase({ path, migrations: first }).close();
    const db = openDatabase({
      path,
      migrations: [...first, { version: 2, name: "two", sql: "CREATE TABLE two (x INTEGER)" }],
    });
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('one', 'two') ORDER BY name").all(),
    ).toEqual([{ name: "one" }, { name: "two" }]);
    db.close();
  });

  it("refuses a database made by a newer gateway, saying what to do", () => {
    const path = file();
    const db = openDatabase({ path });
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)").run();
    db.close();
    const latest = Math.max(...migrations.map((migration) => migration.version));
    expect(() => openDatabase({ path })).toThrow(
      new RegExp(
        `schema version 99, newer than this gateway knows \\(${latest}\\): ` +
          `use a newer @gatekit/server, or another db file`,
      ),
    );
  });

  it("says which path it cannot open", () => {
    expect(() => openSqliteStore({ path: "/proc/version/not-a-folder/gateway.db" })).toThrow(
      /Cannot (create the folder for|open) the database/,
    );
  });
});

describe("transactions", () => {
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
    expect(results.map((result) => result.status)).toEqual([
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    expect((await s.transaction((tx) => tx.balances.list("app"))).map((balance) => balance.currency)).toEqual([
      "C1",
      "C2",
      "C4",
      "C5",
      "C7",
      "C8",
    ]);
  });

  it("work the same with group commit turned off", async () => {
    store = openSqliteStore({ path: ":memory:", maxBatch: 1 });
    const s = store;
    const results = await Promise.allSettled([
      s.transaction(async () => 1),
      s.transaction(async () => Promise.reject(new Error("no"))),
      s.transaction(async () => 3),
    ]);
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
