import type { Database } from "better-sqlite3";
import type { MaintenanceRepository } from "../store.js";

/** Reset's wipe on SQLite (children before parents, for the foreign keys) and named locks. */
export function sqliteMaintenance(db: Database): MaintenanceRepository {
  const statements = ["delivery_attempts", "notifications", "refunds", "payments", "payouts", "nonces"].map((table) =>
    db.prepare(`DELETE FROM ${table}`),
  );
  return {
    async wipeActivity() {
      for (const statement of statements) statement.run();
    },
    async lock() {
      // Every transaction already holds the database's one write lock (BEGIN IMMEDIATE).
    },
  };
}
