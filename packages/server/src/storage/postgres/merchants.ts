import type { MerchantRepository } from "../merchants.js";
import { toMerchant } from "../records.js";
import type { Row } from "../rows.js";
import { changes, type Connection, row, rows, statement } from "./sql.js";

/**
 * The channel a change to merchants is announced on. PostgreSQL delivers the notification when
 * the transaction commits (and drops it when it rolls back), so other gateway instances reload
 * exactly the committed state. The payload is the schema, for instances sharing one server.
 */
export const MERCHANTS_CHANNEL = "gatekit_merchants";

const get = statement("merchants_get", "SELECT * FROM merchants WHERE app_id = $1");
const list = statement("merchants_list", "SELECT * FROM merchants ORDER BY created_at, app_id");
const save = statement(
  "merchants_save",
  `INSERT INTO merchants (app_id, app_secret, allowed_hosts, operations, disabled, starting_balances, origin, created_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
   ON CONFLICT (app_id) DO UPDATE SET
     app_secret = excluded.app_secret, allowed_hosts = excluded.allowed_hosts, operations = excluded.operations,
     disabled = excluded.disabled, starting_balances = excluded.starting_balances, origin = excluded.origin`,
);
const deleteByOrigin = statement("merchants_delete_by_origin", "DELETE FROM merchants WHERE origin = $1");
const announce = statement("merchants_announce", `SELECT pg_notify('${MERCHANTS_CHANNEL}', current_schema())`);

/** The merchants table on PostgreSQL. */
export function postgresMerchants(db: Connection): MerchantRepository {
  return {
    async get(appId) {
      const found = await row<Row>(db, get, [appId]);
      return found ? toMerchant(found) : null;
    },
    async list() {
      return (await rows<Row>(db, list, [])).map(toMerchant);
    },
    async save(merchant) {
      await changes(db, save, [
        merchant.appId,
        merchant.appSecret,
        merchant.allowedHosts === null ? null : JSON.stringify(merchant.allowedHosts),
        merchant.operations === null ? null : JSON.stringify(merchant.operations),
        merchant.disabled,
        JSON.stringify(Object.fromEntries(Object.entries(merchant.startingBalances).map(([currency, amount]) => [currency, amount.toString()]))),
        merchant.origin,
        merchant.createdAt,
      ]);
      await rows(db, announce, []);
    },
    async deleteByOrigin(origin) {
      const deleted = await changes(db, deleteByOrigin, [origin]);
      if (deleted > 0) await rows(db, announce, []);
      return deleted;
    },
  };
}
