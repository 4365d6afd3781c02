// Picking the backend from the `db` option: a postgres:// URL is PostgreSQL, anything else a
// SQLite file (or `:memory:`).

import { isPostgresUrl } from "./postgres/database.js";
import { openPostgresStore, type PostgresStore } from "./postgres/store.js";
import { openSqliteStore, type SqliteStore } from "./sqlite/store.js";

/** Opens the store `db` names. `onError` hears about trouble outside any transaction (a lost idle connection). */
export function openStore(db: string, onError?: (error: Error) => void): SqliteStore | PostgresStore {
  return isPostgresUrl(db) ? openPostgresStore({ url: db, onError }) : openSqliteStore({ path: db });
}
