// The Store on PostgreSQL (pg): each transaction on its own pooled connection, so they run
// concurrently, and several gateway instances can share one database. Correctness rests on the
// repositories' statements, not on anything held in this process: conditional updates and
// ON CONFLICT inserts decide races under READ COMMITTED, SKIP LOCKED and leases share the outbox,
// and the nonce table is the replay check of every instance.
//
// A transaction PostgreSQL aborts to break a deadlock or a serialization conflict, or one that
// drew a gateway id another instance drew at the same moment, is run again from the start: its
// function only talks to the repositories, so running it again is safe.

import type pg from "pg";
import type { MerchantWatch, Store, Tx } from "../store.js";
import { postgresBalances } from "./balances.js";
import { openPool, prepareDatabase, redactUrl } from "./database.js";
import { postgresMaintenance } from "./maintenance.js";
import { postgresMerchants } from "./merchants.js";
import { postgresNonces } from "./nonces.js";
import { postgresNotifications } from "./notifications.js";
import type { PostgresConnectOptions } from "./options.js";
import { postgresPayments } from "./payments.js";
import { postgresPayouts } from "./payouts.js";
import { postgresRefunds } from "./refunds.js";
import type { Connection } from "./sql.js";
import { watchMerchantChanges } from "./watch.js";

/** A Store on a PostgreSQL database. */
export interface PostgresStore extends Store {
  /** The database URL with its password hidden. */
  readonly path: string;
  /** Resolves once connected and migrated; rejects with what went wrong. Transactions wait for it. */
  readonly opened: Promise<void>;
}

/** Options of {@link openPostgresStore}. */
export type PostgresStoreOptions = PostgresConnectOptions;

/** How many times a transaction is tried before its conflict is passed on. */
const MAX_ATTEMPTS = 8;

// 40001 serialization_failure, 40P01 deadlock_detected.
const RETRYABLE = new Set(["40001", "40P01"]);

/**
 * Opens the store. It connects and migrates in the background; `opened` (and every transaction)
 * waits for that and fails with its error.
 */
export function openPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const pool = openPool(options);
  const path = redactUrl(options.url);
  const opened = prepareDatabase(pool, options.url, options.migrations);
  // Observed by every transaction; this keeps an unobserved failure from being reported twice.
  opened.catch(() => undefined);
  const repositories = new WeakMap<pg.PoolClient, Tx>();
  const txFor = (client: pg.PoolClient): Tx => {
    let tx = repositories.get(client);
    if (!tx) {
      tx = repositoriesOn(client);
      repositories.set(client, tx);
    }
    return tx;
  };
  const active = new Set<Promise<unknown>>();
  const watches = new Set<MerchantWatch>();
  let closed = false;

  async function run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    await opened;
    for (let attempt = 1; ; attempt++) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const result = await fn(txFor(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          // The connection is gone; the pool must not hand it out again.
          broken = rollbackError as Error;
        }
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) {
          await pause(attempt);
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  return {
    path,
    opened,
    transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      if (closed) return Promise.reject(closedError(path));
      const running = run(fn);
      active.add(running);
      const forget = () => active.delete(running);
      running.then(forget, forget);
      return running;
    },
    watchMerchants(listener, onError) {
      const watch = watchMerchantChanges({ url: options.url, opened, listener, onError });
      watches.add(watch);
      return {
        ready: watch.ready,
        async stop() {
          watches.delete(watch);
          await watch.stop();
        },
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      while (active.size > 0) await Promise.allSettled([...active]);
      await Promise.all([...watches].map((watch) => watch.stop()));
      await pool.end();
    },
  };
}

function repositoriesOn(db: Connection): Tx {
  return {
    merchants: postgresMerchants(db),
    payments: postgresPayments(db),
    refunds: postgresRefunds(db),
    payouts: postgresPayouts(db),
    balances: postgresBalances(db),
    nonces: postgresNonces(db),
    notifications: postgresNotifications(db),
    maintenance: postgresMaintenance(db),
  };
}

function isRetryable(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== undefined && RETRYABLE.has(code)) return true;
  // unique_violation on a primary key: a gateway id drawn twice (ids are random per instance).
  return code === "23505" && typeof constraint === "string" && constraint.endsWith("_pkey");
}

// A short, growing, jittered pause, so that the transactions that collided do not collide again.
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(100, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function closedError(path: string): Error {
  return new Error(`The gateway's database (${path}) is closed: the gateway was closed, so it takes no more work.`);
}
