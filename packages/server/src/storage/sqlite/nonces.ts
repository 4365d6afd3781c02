import type { Database } from "better-sqlite3";
import type { NonceRepository } from "../nonces.js";

/** The nonce table on SQLite. */
export function sqliteNonces(db: Database): NonceRepository {
  // A nonce whose earlier use has expired may be used again: the upsert only overwrites an expired
  // row, so `changes` is 0 exactly for a replay within the window.
  const remember = db.prepare(`
    INSERT INTO nonces (app_id, nonce, expires_at) VALUES (@appId, @nonce, @expiresAt)
    ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < @now`);
  const purge = db.prepare("DELETE FROM nonces WHERE expires_at < ?");
  return {
    async remember(appId, nonce, expiresAt, now) {
      return remember.run({ appId, nonce, expiresAt, now }).changes === 1;
    },
    async purge(now) {
      return purge.run(now).changes;
    },
  };
}
