// Balances per merchant and currency, in integer minor units. Each change is one conditional
// statement, so a balance can never go below zero however requests interleave: PostgreSQL re-checks
// the condition on the locked, latest row version, and SQLite runs one transaction at a time.

import { columns } from "./columns.js";
import { big, text } from "./rows.js";
import { type Driver, first, statement } from "./sql.js";

/** One currency's balance. */
export interface BalanceRecord {
  readonly currency: string;
  readonly available: bigint;
  readonly frozen: bigint;
}

/** The balances table. Every method runs inside the caller's transaction. */
export interface BalanceRepository {
  /** Null when the merchant never had a balance in the currency (it counts as zero). */
  get(appId: string, currency: string): Promise<BalanceRecord | null>;
  /** Every currency of the merchant, by currency code. */
  list(appId: string): Promise<BalanceRecord[]>;
  /**
   * Adds to the available amount (creating the balance). Saturates at the largest amount the
   * contract can express rather than overflowing.
   */
  credit(appId: string, currency: string, amount: bigint, now: number): Promise<void>;
  /** Takes from the available amount; false (nothing changed) when it does not cover `amount`. */
  debit(appId: string, currency: string, amount: bigint, now: number): Promise<boolean>;
  /** Moves `amount` from available to frozen; false (nothing changed) when available does not cover it. */
  freeze(appId: string, currency: string, amount: bigint, now: number): Promise<boolean>;
  /** Takes `amount` out of frozen for good (a payout was paid). */
  spendFrozen(appId: string, currency: string, amount: bigint, now: number): Promise<void>;
  /** Moves `amount` back from frozen to available (a payout failed). */
  unfreeze(appId: string, currency: string, amount: bigint, now: number): Promise<void>;
  /** Sets a balance outright (control API, starting balances). */
  set(appId: string, currency: string, balance: { available: bigint; frozen: bigint }, now: number): Promise<void>;
  /** Deletes every balance of the merchant. */
  clear(appId: string): Promise<void>;
}

// The largest amount the contract can write (15 integer digits and 2 decimals). Credits saturate
// here instead of overflowing: SQLite would silently turn an overflowing INTEGER into a REAL, and
// PostgreSQL would fail the transaction.
const MAX = "99999999999999999";

const BALANCE = columns<BalanceRecord>({ currency: text, available: big, frozen: big });

const get = statement("balances_get", `SELECT ${BALANCE.list} FROM balances WHERE app_id = $1 AND currency = $2`);
const list = statement("balances_list", `SELECT ${BALANCE.list} FROM balances WHERE app_id = $1 ORDER BY currency`);
const credit = statement(
  "balances_credit",
  (d) => `INSERT INTO balances (app_id, currency, available, frozen, updated_at)
   VALUES ($1, $2, ${d.cappedSum("$3", "0", MAX)}, 0, $4)
   ON CONFLICT (app_id, currency) DO UPDATE SET
     available = ${d.cappedSum("balances.available", "excluded.available", MAX)}, updated_at = excluded.updated_at`,
);
const debit = statement(
  "balances_debit",
  `UPDATE balances SET available = available - $3, updated_at = $4
   WHERE app_id = $1 AND currency = $2 AND available >= $3`,
);
const freeze = statement(
  "balances_freeze",
  `UPDATE balances SET available = available - $3, frozen = frozen + $3, updated_at = $4
   WHERE app_id = $1 AND currency = $2 AND available >= $3`,
);
const spendFrozen = statement(
  "balances_spend_frozen",
  "UPDATE balances SET frozen = frozen - $3, updated_at = $4 WHERE app_id = $1 AND currency = $2 AND frozen >= $3",
);
const unfreeze = statement(
  "balances_unfreeze",
  (d) => `UPDATE balances SET frozen = frozen - $3, available = ${d.cappedSum("available", "$3", MAX)}, updated_at = $4
   WHERE app_id = $1 AND currency = $2 AND frozen >= $3`,
);
const set = statement(
  "balances_set",
  `INSERT INTO balances (app_id, currency, available, frozen, updated_at) VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT (app_id, currency) DO UPDATE SET
     available = excluded.available, frozen = excluded.frozen, updated_at = excluded.updated_at`,
);
const clear = statement("balances_clear", "DELETE FROM balances WHERE app_id = $1");

/** The balances table on the connection `db`. */
export function balanceRepository(db: Driver): BalanceRepository {
  return {
    async get(appId, currency) {
      const found = await first(db, get, [appId, currency]);
      return found ? BALANCE.read(found) : null;
    },
    async list(appId) {
      return (await db.rows(list, [appId])).map(BALANCE.read);
    },
    async credit(appId, currency, amount, now) {
      await db.run(credit, [appId, currency, amount, now]);
    },
    async debit(appId, currency, amount, now) {
      return (await db.run(debit, [appId, currency, amount, now])) === 1;
    },
    async freeze(appId, currency, amount, now) {
      return (await db.run(freeze, [appId, currency, amount, now])) === 1;
    },
    async spendFrozen(appId, currency, amount, now) {
      expectOne(await db.run(spendFrozen, [appId, currency, amount, now]), appId, currency);
    },
    async unfreeze(appId, currency, amount, now) {
      expectOne(await db.run(unfreeze, [appId, currency, amount, now]), appId, currency);
    },
    async set(appId, currency, balance, now) {
      await db.run(set, [appId, currency, balance.available, balance.frozen, now]);
    },
    async clear(appId) {
      await db.run(clear, [appId]);
    },
  };
}

// Frozen funds that are not there mean the domain broke an invariant: fail the transaction loudly.
function expectOne(count: number, appId: string, currency: string): void {
  if (count !== 1) {
    throw new Error(`The frozen ${currency} balance of ${appId} does not hold the amount being released.`);
  }
}
