import type { Database } from "better-sqlite3";
import type { ApiOperationId, MerchantOrigin, MerchantRecord, MerchantRepository } from "../merchants.js";
import { bool, num, type Row } from "./rows.js";

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

function toMerchant(row: Row): MerchantRecord {
  const starting = JSON.parse(row["starting_balances"] as string) as Record<string, string>;
  return {
    appId: row["app_id"] as string,
    appSecret: row["app_secret"] as string,
    allowedHosts: row["allowed_hosts"] === null ? null : (JSON.parse(row["allowed_hosts"] as string) as string[]),
    operations: row["operations"] === null ? null : (JSON.parse(row["operations"] as string) as ApiOperationId[]),
    disabled: bool(row["disabled"]),
    startingBalances: Object.fromEntries(Object.entries(starting).map(([currency, amount]) => [currency, BigInt(amount)])),
    origin: row["origin"] as MerchantOrigin,
    createdAt: num(row["created_at"]),
  };
}
