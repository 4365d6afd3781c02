// The Store on SQLite (better-sqlite3): one shared connection, transactions run one at a time in
// arrival order, as BEGIN IMMEDIATE … COMMIT so each takes the write lock up front.
//
// Group commit: transactions that queue up while one runs (a busy gateway has many) are run
// together in one SQLite transaction, each inside its own savepoint, and committed once. Every
// transaction is still atomic (a failing one is rolled back to its savepoint alone) and isolated
// (they run one after another), and no result is handed back before the COMMIT that makes it
// durable, so a response is never sent for work that could still be lost. It saves a commit
// (a write to the WAL file) per request, the largest fixed cost of a write on a file database.

import type { Database } from "better-sqlite3";
import type { Store, Tx } from "../store.js";
import { repositoriesOn } from "../repositories.js";
import { openDatabase, type OpenDatabaseOptions } from "./database.js";
import { sqliteDriver } from "./driver.js";
import { sqliteMaintenance } from "./maintenance.js";

/** A Store on a SQLite file or in memory. */
export interface SqliteStore extends Store {
  /** The database path as given. */
  readonly path: string;
}

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions extends OpenDatabaseOptions {
  /** The most transactions committed together; 1 turns group commit off. Default 64. */
  readonly maxBatch?: number | undefined;
}

/** How often the store checkpoints the WAL between transactions. */
const CHECKPOINT_INTERVAL_MS = 1000;

interface Job {
  readonly fn: (tx: Tx) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Opens the database (creating and migrating it as needed) and returns the store over it. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = openDatabase(options);
  return createStore(db, options.path, Math.max(1, Math.floor(options.maxBatch ?? 64)));
}

function createStore(db: Database, path: string, maxBatch: number): SqliteStore {
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  const savepoint = db.prepare("SAVEPOINT job");
  const release = db.prepare("RELEASE job");
  const rollbackTo = db.prepare("ROLLBACK TO job");
  // One connection means one set of prepared statements, so the same Tx serves every transaction.
  const tx: Tx = repositoriesOn(sqliteDriver(db), { maintenance: sqliteMaintenance(db) });
  const queue: Job[] = [];
  let draining: Promise<void> | undefined;
  let closed = false;

  // The WAL checkpoint off the request path (see database.ts): every second, when no transaction
  // is queued or running, fold what the WAL holds back into the database file. PASSIVE never
  // waits for other connections' readers; what it cannot copy now it copies next time.
  const wal = db.open && db.pragma("journal_mode", { simple: true }) === "wal";
  const checkpointer = wal
    ? setInterval(() => {
        if (draining || closed || !db.open || db.inTransaction) return;
        try {
          checkpoint.run();
        } catch {
          // Busy or locked by another process: the next tick (or the autocheckpoint) retries.
        }
      }, CHECKPOINT_INTERVAL_MS)
    : undefined;
  checkpointer?.unref?.();
  const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");

  // Runs every queued job, batch after batch, until the queue is empty.
  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      if (!db.open) {
        for (const job of batch) job.reject(closedError(path));
        continue;
      }
      await runBatch(batch);
    }
    draining = undefined;
  }

  async function runBatch(batch: Job[]): Promise<void> {
    const single = batch.length === 1;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      begin.run();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    for (const job of batch) {
      if (!single) savepoint.run();
      try {
        const value = await job.fn(tx);
        if (!single) release.run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        outcomes.push({ ok: false, error });
        if (!db.inTransaction) {
          // SQLite rolled the whole transaction back by itself (an I/O error, a full disk): the
          // jobs before this one are undone too, and the ones after would run outside it.
          for (const other of batch) other.reject(error);
          return;
        }
        if (single) rollback.run();
        else {
          rollbackTo.run();
          release.run();
        }
      }
    }
    if (db.inTransaction) {
      try {
        commit.run();
      } catch (error) {
        if (db.inTransaction) rollback.run();
        for (const job of batch) job.reject(error);
        return;
      }
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  return {
    path,
    transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(closedError(path));
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        // Start on the next turn of the event loop rather than now, so that the transactions of
        // every request that arrived in this turn are committed together.
        draining ??= new Promise<void>((started) => setImmediate(() => started(drain())));
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (checkpointer !== undefined) clearInterval(checkpointer);
      while (draining) await draining;
      if (db.open) {
        // Fold the WAL back into the file so that a copied .db is complete on its own.
        if (db.pragma("journal_mode", { simple: true }) === "wal") db.pragma("wal_checkpoint(TRUNCATE)");
        db.close();
      }
    },
  };
}

function closedError(path: string): Error {
  return new Error(`The gateway's database (${path}) is closed: the gateway was closed, so it takes no more work.`);
}
