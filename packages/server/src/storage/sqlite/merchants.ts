import type { Database } from "better-sqlite3";
import type { MerchantRepository } from "../merchants.js";
import { toMerchant } from "../records.js";
import type { Row } from "../rows.js";

/** The merchants table on SQLite. */
export function sqliteMerchants(db: Database): MerchantRepository {
  const get = db.prepare("SELECT * FROM merchants WHERE app_id = ?");
  const list = db.prepare("SELECT * FROM merchants ORDER BY created_at, app_id");
  const save = db.prepare(`
    INSERT INTO merchants (app_id, app_secret, allowed_hosts, operations, disabled, starting_balances, origin, created_at)
    VALUES (@appId, @appSecret, @allowedHosts, @operations, @disabled, @startingBalances, @origin, @createdAt)
    ON CONFLICT (app_id) DO UPDATE SET
      app_secret = excluded.app_secret, allowed_hosts = excluded.allowed_hosts, operations = excluded.operations,
      disabled = excluded.disabled, starting_balances = excluded.starting_balances, origin = excluded.origin`);
  const deleteByOrigin = db.prepare("DELETE FROM merchants WHERE origin = ?");

  return {
    async get(appId) {
      const row = get.get(appId) as Row | undefined;
      return row ? toMerchant(row) : null;
    },
    async list() {
      return (list.all() as Row[]).map(toMerchant);
    },
    async save(merchant) {
      save.run({
        appId: merchant.appId,
        appSecret: merchant.appSecret,
        allowedHosts: merchant.allowedHosts === null ? null : JSON.stringify(merchant.allowedHosts),
        operations: merchant.operations === null ? null : JSON.stringify(merchant.operations),
        disabled: merchant.disabled ? 1 : 0,
        startingBalances: JSON.stringify(
          Object.fromEntries(Object.entries(merchant.startingBalances).map(([currency, amount]) => [currency, amount.toString()])),
        ),
        origin: merchant.origin,
        createdAt: merchant.createdAt,
      });
    },
    async deleteByOrigin(origin) {
      return deleteByOrigin.run(origin).changes;
    },
  };
}
