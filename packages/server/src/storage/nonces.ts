// The nonces seen within the clock window, for replay detection.

import { statement, type Driver } from "./sql.js";

/** The nonce table. Every method runs inside the caller's transaction. */
export interface NonceRepository {
  /**
   * Records that `appId` used `nonce`, remembered until `expiresAt` (epoch ms). False when the
   * same appId used the same nonce before and that use has not expired at `now`: a replay.
   */
  remember(appId: string, nonce: string, expiresAt: number, now: number): Promise<boolean>;
  /** Forgets nonces expired at `now`; returns how many. */
  purge(now: number): Promise<number>;
}

// A nonce whose earlier use has expired may be used again: the upsert only overwrites an expired
// row, so it changes nothing exactly for a replay within the window. Two instances inserting the
// same nonce at once serialize on the primary key: the second waits for the first to commit, then
// finds the live row.
const remember = statement(
  "nonces_remember",
  `INSERT INTO nonces (app_id, nonce, expires_at) VALUES ($1, $2, $3)
   ON CONFLICT (app_id, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at < $4`,
);
const purge = statement("nonces_purge", "DELETE FROM nonces WHERE expires_at < $1");

/** The nonce table on the connection `db`. */
export function nonceRepository(db: Driver): NonceRepository {
  return {
    async remember(appId, nonce, expiresAt, now) {
      return (await db.run(remember, [appId, nonce, expiresAt, now])) === 1;
    },
    purge: (now) => db.run(purge, [now]),
  };
}
