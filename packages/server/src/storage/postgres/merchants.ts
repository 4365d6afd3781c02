// Merchant changes announced to the other gateway instances on the database (see watch.ts).

import { type MerchantRepository, merchantRepository } from "../merchants.js";
import { type Driver, statement } from "../sql.js";

/**
 * The channel a change to merchants is announced on. PostgreSQL delivers the notification when
 * the transaction commits (and drops it when it rolls back), so other gateway instances reload
 * exactly the committed state. The payload is the schema, for instances sharing one server.
 */
export const MERCHANTS_CHANNEL = "gatekit_merchants";

const announce = statement("merchants_announce", `SELECT pg_notify('${MERCHANTS_CHANNEL}', current_schema())`);

/** The merchants table on PostgreSQL: each change is also announced on {@link MERCHANTS_CHANNEL}. */
export function announcingMerchants(db: Driver): MerchantRepository {
  const merchants = merchantRepository(db);
  return {
    ...merchants,
    async save(merchant) {
      await merchants.save(merchant);
      await db.rows(announce, []);
    },
    async deleteByOrigin(origin) {
      const deleted = await merchants.deleteByOrigin(origin);
      if (deleted > 0) await db.rows(announce, []);
      return deleted;
    },
  };
}
