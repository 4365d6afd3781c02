// Connecting to PostgreSQL: the pool, the schema the gateway lives in, and the migrations.

import pg from "pg";
import type { Migration } from "../migration.js";
import type { PostgresConnectOptions } from "./options.js";
import { postgresMigrations } from "./migrations.js";

/** Whether `db` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The URL with its password replaced, fit for logs, errors and the start banner. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://…";
  }
}

/** A pool on the database; connections are made on first use. */
export function openPool(options: PostgresConnectOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: Math.max(1, Math.floor(options.poolSize ?? 10)),
    application_name: "gatekit-gateway",
    // A dead server fails a request within this rather than leaving it waiting forever.
    connectionTimeoutMillis: 10_000,
  });
  pool.on("error", (error) => options.onError?.(error));
  // The pool listens for errors on idle connections only. A connection that the server ends while
  // a transaction holds it (a restart, pg_terminate_backend, idle_in_transaction_session_timeout)
  // would otherwise throw its error out of the event loop and stop the gateway; with this it just
  // fails the transaction's next statement, and the store decides what to do.
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}

/** Makes sure the schema exists and is up to date. Throws an Error saying what to do when it cannot. */
export async function prepareDatabase(
  pool: pg.Pool,
  url: string,
  migrations: readonly Migration[] = postgresMigrations,
): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to the database ${redactUrl(url)}: ${(error as Error).message}. ` +
        `Check that the server runs and the URL is right.`,
      {
        cause: error,
      },
    );
  }
  try {
    await client.query("BEGIN");
    // Instances starting together take turns here, so the schema is made and each migration run once.
    const schema = await searchPathSchema(client);
    await client.query("SELECT pg_advisory_xact_lock(hashtext('gatekit_migrations.' || $1::text))", [schema]);
    // Only when missing: creating one needs a privilege that a user of an existing schema may lack.
    const exists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, " +
        "name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    );
    const { rows } = await client.query<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
    const version = rows[0]?.v ?? 0;
    const latest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
    if (version > latest) {
      throw new Error(
        `The database ${redactUrl(url)} has schema version ${version}, newer than this gateway knows ` +
          `(${latest}): use a newer @gatekit/server, or another database or schema.`,
      );
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= version) continue;
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        Date.now(),
      ]);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// A search_path naming a schema of its own (`?options=-c search_path=team_a`) gives a team or a CI
// job a sandbox apart from others on the same database; the gateway creates that schema on first
// use. Without one, the gateway lives in the schema PostgreSQL would use anyway (usually public).
async function searchPathSchema(client: pg.PoolClient): Promise<string> {
  const { rows } = await client.query<{ current: string | null; first: string }>(
    "SELECT current_schema() AS current, split_part(current_setting('search_path'), ',', 1) AS first",
  );
  const first = rows[0]?.first.trim().replace(/^"(.*)"$/, "$1") ?? "";
  if (first !== "" && first !== "$user") return first;
  if (rows[0]?.current) return rows[0].current;
  throw new Error(
    "The database's search_path names no schema the gateway can use: " +
      "create one, or set search_path in the URL's options.",
  );
}
