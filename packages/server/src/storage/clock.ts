// The test clock's offset, kept in the database so that gateway instances sharing one database
// share one notion of now (see ../clock.ts).

import { num } from "./rows.js";
import { type Driver, first, statement } from "./sql.js";

/** The offset of the gateway's test clock. Every method runs inside the caller's transaction. */
export interface ClockRepository {
  /** How far the clock has been advanced, in ms (0 on a new database). */
  offset(): Promise<number>;
  /** Adds `byMs` to the offset and returns the new offset; concurrent advances add up. */
  advance(byMs: number): Promise<number>;
}

const read = statement("clock_read", "SELECT offset_ms FROM gateway_clock WHERE id = 1");
// One UPDATE: concurrent advances (from several instances, on PostgreSQL) serialize on the row and add up.
const advance = statement(
  "clock_advance",
  "UPDATE gateway_clock SET offset_ms = offset_ms + $1 WHERE id = 1 RETURNING offset_ms",
);

/** The test clock's offset on the connection `db`: the one row of `gateway_clock`. */
export function clockRepository(db: Driver): ClockRepository {
  return {
    async offset() {
      const found = await first(db, read, []);
      return found === undefined ? 0 : num(found[0]);
    },
    async advance(byMs) {
      return num((await first(db, advance, [byMs]))![0]);
    },
  };
}
