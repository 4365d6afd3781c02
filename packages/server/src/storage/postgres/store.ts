// The Store on PostgreSQL (pg): each transaction on its own pooled connection, so they run
// concurrently, and several gateway instances can share one database. Correctness rests on the
// repositories' statements, not on anything held in this process: conditional updates and
// ON CONFLICT inserts decide races under READ COMMITTED, SKIP LOCKED and leases share the outbox,
// and the nonce table is the replay check of every instance.
//
// A transaction PostgreSQL aborts to break a deadlock or a serialization conflict, or one that
// drew a gateway id another instance drew at the same moment, is run again from the start: its
// function only talks to the repositories, so running it again is safe. So is one whose connection
// was lost before COMMIT was sent (a server restart, a failover, a proxy dropping connections):
// PostgreSQL rolls back whatever a lost connection had not committed. A connection lost during
// COMMIT is another matter: the commit may or may not have happened, so that transaction fails
// with an error that says so rather than risk doing its work twice.

import type pg from "pg";
import type { MerchantWatch, Store, Tx } from "../store.js";
import { repositoriesOn } from "../repositories.js";
import { openPool, prepareDatabase, redactUrl } from "./database.js";
import { postgresDriver } from "./driver.js";
import { postgresMaintenance } from "./maintenance.js";
import { announcingMerchants } from "./merchants.js";
import type { PostgresConnectOptions } from "./options.js";
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
      const db = postgresDriver(client);
      tx = repositoriesOn(db, { maintenance: postgresMaintenance(client), merchants: announcingMerchants(db) });
      repositories.set(client, tx);
    }
    return tx;
  };
  const active = new Set<Promise<unknown>>();
  const watches = new Set<MerchantWatch>();
  let closed = false;

  async function run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    await opened;
    const reconnect = reconnection();
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        // Nothing was sent: a server that is restarting may take the next attempt.
        if (isRefusedConnection(error) && (await reconnect())) continue;
        throw error;
      }
      let broken: Error | undefined;
      let committing = false;
      try {
        await client.query("BEGIN");
        const result = await fn(txFor(client));
        committing = true;
        await client.query("COMMIT");
        return result;
      } catch (error) {
        if (isLostConnection(error)) broken = error as Error;
        else {
          try {
            await client.query("ROLLBACK");
          } catch (rollbackError) {
            // The connection is gone; the pool must not hand it out again.
            broken = rollbackError as Error;
          }
        }
        if (broken !== undefined) {
          if (committing) throw unknownOutcome(path, error);
          if (await reconnect()) continue;
          throw error;
        }
        if (attempt < MAX_ATTEMPTS && isRetryable(error)) {
          await conflictPause(attempt);
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

function isRetryable(error: unknown): boolean {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== undefined && RETRYABLE.has(code)) return true;
  // unique_violation on a primary key: a gateway id drawn twice (ids are random per instance).
  return code === "23505" && typeof constraint === "string" && constraint.endsWith("_pkey");
}

// 08xxx connection_exception; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now.
const LOST_CONNECTION_CODES = /^(08...|57P0[123])$/;
// What node and pg say when the socket itself went away.
const LOST_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNREFUSED", "ENOTCONN", "ETIMEDOUT"]);

/** Whether an error means the connection is gone, rather than a statement that failed on it. */
function isLostConnection(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (LOST_CONNECTION_CODES.test(code) || LOST_SOCKET_CODES.has(code))) return true;
  // pg's own errors for a connection that ended carry no code.
  return typeof message === "string" && /^Connection terminated|not queryable/.test(message);
}

/** A connect that failed fast and may succeed soon: refused, reset, or a server still starting. */
function isRefusedConnection(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === "ECONNREFUSED" || code === "ECONNRESET" || code === "57P03";
}

// A short, growing, jittered pause, so that the transactions that collided do not collide again.
function conflictPause(attempt: number): Promise<void> {
  return sleep(Math.random() * Math.min(100, 2 ** attempt));
}

/** How long a transaction keeps trying to reach a server that went away: a restart's worth. */
const RECONNECT_BUDGET_MS = 5000;

/**
 * One transaction's patience with a lost server: each call waits a little longer (about 20 ms,
 * doubling up to 500 ms) and resolves true, until RECONNECT_BUDGET_MS has passed since the first.
 */
function reconnection(): () => Promise<boolean> {
  let since: number | undefined;
  let tries = 0;
  return async () => {
    since ??= Date.now();
    const left = since + RECONNECT_BUDGET_MS - Date.now();
    if (left <= 0) return false;
    tries++;
    await sleep(Math.min(left, 500, 10 * 2 ** tries) * (0.5 + Math.random() / 2));
    return true;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function unknownOutcome(path: string, cause: unknown): Error {
  return new Error(
    `The connection to the database (${path}) was lost while committing, so whether this transaction was saved is ` +
      `unknown. A client may send the request again: a repeated create answers with the object it already made.`,
    { cause },
  );
}

function closedError(path: string): Error {
  return new Error(`The gateway's database (${path}) is closed: the gateway was closed, so it takes no more work.`);
}
