import type { BalanceRepository } from "../balances.js";
import { toBalance } from "../records.js";
import type { Row } from "../rows.js";
import { changes, type Connection, row, rows, statement } from "./sql.js";

// The largest amount the contract can write (15 integer digits and 2 decimals). Credits saturate
// here, as on SQLite, instead of failing the transaction with a BIGINT overflow. Each change is one
// conditional statement: PostgreSQL re-checks the condition on the locked, latest row version, so
// a balance never goes below zero however requests on any instance interleave.
const MAX = "99999999999999999";

const get = statement("balances_get", "SELECT currency, available, frozen FROM balances WHERE app_id = $1 AND currency = $2");
const list = statement("balances_list", "SELECT currency, available, frozen FROM balances WHERE app_id = $1 ORDER BY currency");
const credit = statement(
  "balances_credit",
  `INSERT INTO balances (app_id, currency, available, frozen, updated_at) VALUES ($1, $2, LEAST($3::bigint, ${MAX}), 0, $4)
   ON CONFLICT (app_id, currency) DO UPDATE SET
     available = LEAST(balances.available::numeric + excluded.available, ${MAX})::bigint, updated_at = excluded.updated_at`,
);
const debit = statement(
  "balances_debit",
  `UPDATE balances SET available = available - $3, updated_at = $4 WHERE app_id = $1 AND currency = $2 AND available >= $3`,
);
const freeze = statement(
  "balances_freeze",
  `UPDATE balances SET available = available - $3, frozen = frozen + $3, updated_at = $4
   WHERE app_id = $1 AND currency = $2 AND available >= $3`,
);
const spendFrozen = statement(
  "balances_spend_frozen",
  `UPDATE balances SET frozen = frozen - $3, updated_at = $4 WHERE app_id = $1 AND currency = $2 AND frozen >= $3`,
);
const unfreeze = statement(
  "balances_unfreeze",
  `UPDATE balances SET frozen = frozen - $3, available = LEAST(available::numeric + $3, ${MAX})::bigint, updated_at = $4
   WHERE app_id = $1 AND currency = $2 AND frozen >= $3`,
);
const set = statement(
  "balances_set",
  `INSERT INTO balances (app_id, currency, available, frozen, updated_at) VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (app_id, currency) DO UPDATE SET available = excluded.available, frozen = excluded.frozen, updated_at = excluded.updated_at`,
);
const clear = statement("balances_clear", "DELETE FROM balances WHERE app_id = $1");

/** The balances table on PostgreSQL. */
export function postgresBalances(db: Connection): BalanceRepository {
  return {
    async get(appId, currency) {
      const found = await row<Row>(db, get, [appId, currency]);
      return found ? toBalance(found) : null;
    },
    async list(appId) {
      return (await rows<Row>(db, list, [appId])).map(toBalance);
    },
    async credit(appId, currency, amount, now) {
      await changes(db, credit, [appId, currency, amount, now]);
    },
    async debit(appId, currency, amount, now) {
      return (await changes(db, debit, [appId, currency, amount, now])) === 1;
    },
    async freeze(appId, currency, amount, now) {
      return (await changes(db, freeze, [appId, currency, amount, now])) === 1;
    },
    async spendFrozen(appId, currency, amount, now) {
      expectOne(await changes(db, spendFrozen, [appId, currency, amount, now]), appId, currency);
    },
    async unfreeze(appId, currency, amount, now) {
      expectOne(await changes(db, unfreeze, [appId, currency, amount, now]), appId, currency);
    },
    async set(appId, currency, balance, now) {
      await changes(db, set, [appId, currency, balance.available, balance.frozen, now]);
    },
    async clear(appId) {
      await changes(db, clear, [appId]);
    },
  };
}

// Frozen funds that are not there mean the domain broke an invariant: fail the transaction loudly.
function expectOne(count: number, appId: string, currency: string): void {
  if (count !== 1) throw new Error(`The frozen ${currency} balance of ${appId} does not hold the amount being released.`);
}
