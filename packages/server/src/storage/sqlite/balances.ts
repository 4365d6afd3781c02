import type { Database } from "better-sqlite3";
import type { BalanceRepository } from "../balances.js";
import { toBalance } from "../records.js";
import type { Row } from "../rows.js";

// The largest amount the contract can write (15 integer digits and 2 decimals). Credits saturate
// here instead of overflowing: SQLite would silently turn an overflowing INTEGER into a REAL.
const MAX = "99999999999999999";

/** The balances table on SQLite. */
export function sqliteBalances(db: Database): BalanceRepository {
  const get = db.prepare("SELECT currency, available, frozen FROM balances WHERE app_id = ? AND currency = ?");
  const list = db.prepare("SELECT currency, available, frozen FROM balances WHERE app_id = ? ORDER BY currency");
  const credit = db.prepare(`
    INSERT INTO balances (app_id, currency, available, frozen, updated_at) VALUES (@appId, @currency, MIN(@amount, ${MAX}), 0, @now)
    ON CONFLICT (app_id, currency) DO UPDATE SET available = MIN(available + excluded.available, ${MAX}), updated_at = excluded.updated_at`);
  const debit = db.prepare(`
    UPDATE balances SET available = available - @amount, updated_at = @now
    WHERE app_id = @appId AND currency = @currency AND available >= @amount`);
  const freeze = db.prepare(`
    UPDATE balances SET available = available - @amount, frozen = frozen + @amount, updated_at = @now
    WHERE app_id = @appId AND currency = @currency AND available >= @amount`);
  const spendFrozen = db.prepare(`
    UPDATE balances SET frozen = frozen - @amount, updated_at = @now
    WHERE app_id = @appId AND currency = @currency AND frozen >= @amount`);
  const unfreeze = db.prepare(`
    UPDATE balances SET frozen = frozen - @amount, available = MIN(available + @amount, ${MAX}), updated_at = @now
    WHERE app_id = @appId AND currency = @currency AND frozen >= @amount`);
  const set = db.prepare(`
    INSERT INTO balances (app_id, currency, available, frozen, updated_at) VALUES (@appId, @currency, @available, @frozen, @now)
    ON CONFLICT (app_id, currency) DO UPDATE SET available = excluded.available, frozen = excluded.frozen, updated_at = excluded.updated_at`);
  const clear = db.prepare("DELETE FROM balances WHERE app_id = ?");

  return {
    async get(appId, currency) {
      const row = get.get(appId, currency) as Row | undefined;
      return row ? toBalance(row) : null;
    },
    async list(appId) {
      return (list.all(appId) as Row[]).map(toBalance);
    },
    async credit(appId, currency, amount, now) {
      credit.run({ appId, currency, amount, now });
    },
    async debit(appId, currency, amount, now) {
      return debit.run({ appId, currency, amount, now }).changes === 1;
    },
    async freeze(appId, currency, amount, now) {
      return freeze.run({ appId, currency, amount, now }).changes === 1;
    },
    async spendFrozen(appId, currency, amount, now) {
      expectOne(spendFrozen.run({ appId, currency, amount, now }).changes, appId, currency);
    },
    async unfreeze(appId, currency, amount, now) {
      expectOne(unfreeze.run({ appId, currency, amount, now }).changes, appId, currency);
    },
    async set(appId, currency, balance, now) {
      set.run({ appId, currency, available: balance.available, frozen: balance.frozen, now });
    },
    async clear(appId) {
      clear.run(appId);
    },
  };
}

// Frozen funds that are not there mean the domain broke an invariant: fail the transaction loudly.
function expectOne(changes: number, appId: string, currency: string): void {
  if (changes !== 1) throw new Error(`The frozen ${currency} balance of ${appId} does not hold the amount being released.`);
}
