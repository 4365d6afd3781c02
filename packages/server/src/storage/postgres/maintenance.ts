import type { MaintenanceRepository } from "../store.js";
import type { Connection } from "./driver.js";

/** Reset's wipe on PostgreSQL (one statement, which takes the foreign keys in its stride) and named locks. */
export function postgresMaintenance(db: Connection): MaintenanceRepository {
  return {
    async wipeActivity() {
      await db.query("TRUNCATE delivery_attempts, notifications, refunds, payments, payouts, nonces");
    },
    async lock(name) {
      // A transaction-level advisory lock, per schema: sandboxes sharing a server do not wait on each other.
      await db.query({
        name: "gatekit_maintenance_lock",
        text: "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.' || $1::text))",
        values: [name],
      });
    },
  };
}
