import type { ClockRepository } from "../clock.js";
import { type Connection, row, statement } from "./sql.js";

const read = statement("clock_read", "SELECT offset_ms::text AS offset_ms FROM gateway_clock WHERE id = 1");
// One UPDATE: concurrent advances from several instances serialize on the row and add up.
const advance = statement("clock_advance", "UPDATE gateway_clock SET offset_ms = offset_ms + $1 WHERE id = 1 RETURNING offset_ms::text AS offset_ms");

/** The test clock's offset on PostgreSQL: the one row of `gateway_clock`. */
export function postgresClock(db: Connection): ClockRepository {
  return {
    async offset() {
      const found = await row<{ offset_ms: string }>(db, read, []);
      return found === undefined ? 0 : Number(found.offset_ms);
    },
    async advance(byMs) {
      return Number((await row<{ offset_ms: string }>(db, advance, [byMs]))!.offset_ms);
    },
  };
}
