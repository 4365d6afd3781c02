import type { Database } from "better-sqlite3";
import type { ClockRepository } from "../clock.js";

/** The test clock's offset on SQLite: the one row of `gateway_clock`. */
export function sqliteClock(db: Database): ClockRepository {
  const read = db.prepare<[], { offset_ms: number | bigint }>("SELECT offset_ms FROM gateway_clock WHERE id = 1");
  const advance = db.prepare<[number], { offset_ms: number | bigint }>("UPDATE gateway_clock SET offset_ms = offset_ms + ? WHERE id = 1 RETURNING offset_ms");
  return {
    async offset() {
      // Integers may come back as bigint (the connection reads them safely).
      return Number(read.get()?.offset_ms ?? 0);
    },
    async advance(byMs) {
      return Number(advance.get(byMs)!.offset_ms);
    },
  };
}
