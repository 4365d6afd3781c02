import type { NonceRepository } from "../nonces.js";
import { changes, type Connection, statement } from "./sql.js";

// As on SQLite, the upsert only overwrites an expired row, so it changes nothing exactly for a
// replay within the window. Two instances inserting the same nonce at once serialize on the
// primary key: the second waits for the first to commit, then finds the live row.
const remember = statement(
  "nonces_remember",
  `INSERT INTO nonces (app_id, nonce, expires_at) VALUES ($1, $2, $3)
   ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < $4`,
);
const purge = statement("nonces_purge", "DELETE FROM nonces WHERE expires_at < $1");

/** The nonce table on PostgreSQL. */
export function postgresNonces(db: Connection): NonceRepository {
  return {
    async remember(appId, nonce, expiresAt, now) {
      return (await changes(db, remember, [appId, nonce, expiresAt, now])) === 1;
    },
    purge: (now) => changes(db, purge, [now]),
  };
}
