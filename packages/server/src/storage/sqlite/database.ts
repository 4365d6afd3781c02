// Opening the SQLite file: the settings every connection needs and the migrations.

import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { type Migration, migrations as allMigrations } from "./migrations.js";

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** A file path, or `:memory:` for a database that lives as long as the gateway. */
  readonly path: string;
  /** How long a statement waits for another process's lock before failing; default 5000. */
  readonly busyTimeoutMs?: number | undefined;
  /** For tests of the migration runner; defaults to the gateway's own. */
  readonly migrations?: readonly Migration[] | undefined;
}

/** Whether `path` names an in-memory database rather than a file. */
export function isMemoryPath(path: string): boolean {
  return path === ":memory:" || path === "";
}

/** Opens (creating when needed) and migrates the database. Throws an Error saying what to do when it cannot. */
export function openDatabase(options: OpenDatabaseOptions): Database {
  const { path, busyTimeoutMs = 5000, migrations = allMigrations } = options;
  if (!isMemoryPath(path)) {
    try {
      mkdirSync(dirname(resolve(path)), { recursive: true });
    } catch (error) {
      throw new Error(
        `Cannot create the folder for the database ${path}: ${(error as Error).message}. Pass another db path.`,
        { cause: error },
      );
    }
  }
  let db: Database;
  try {
    db = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new Error(
      `Cannot open the database ${path}: ${(error as Error).message}. Check the path and its permissions.`,
      { cause: error },
    );
  }
  try {
    // WAL lets readers in other processes (a second gateway, a sqlite3 shell) work beside the
    // writer; NORMAL syncs at checkpoints only, which survives a crash of the process (the
    // case that matters for a development gateway) at a fraction of FULL's cost.
    if (!isMemoryPath(path)) db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
    // A 16 MiB page cache (the default is 2 MiB; 32 MiB pushed the bench's peak RSS near 200 MB):
    // the nonce table's keys are random, so each insert lands on another page of its B-trees, and
    // with the small cache those were reread from the OS on most requests. Temporary b-trees (sorts) stay in memory.
    db.pragma("cache_size = -16384");
    db.pragma("temp_store = MEMORY");
    // Checkpoints normally run inside the COMMIT that pushes the WAL past 1000 pages, so one
    // request in a few hundred paid for copying the WAL back (and its fsync). The store runs a
    // PASSIVE checkpoint on a timer between transactions instead (see store.ts); this higher
    // threshold is only the backstop when the timer cannot keep up.
    if (!isMemoryPath(path)) db.pragma("wal_autocheckpoint = 10000");
    // Money is read as exact bigints; repositories turn times and counters into numbers.
    db.defaultSafeIntegers(true);
    migrate(db, path, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Database, path: string, migrations: readonly Migration[]): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, " +
      "name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const current = () =>
    Number((db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: bigint | null }).v ?? 0);
  const latest = migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  // IMMEDIATE: two gateways opening the same new file must not both run a migration.
  db.transaction(() => {
    const version = current();
    if (version > latest) {
      throw new Error(
        `The database ${path} has schema version ${version}, newer than this gateway knows ` +
          `(${latest}): use a newer @gatekit/server, or another db file.`,
      );
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= version) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
    }
  }).immediate();
}
