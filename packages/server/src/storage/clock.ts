// The test clock's offset, kept in the database so that gateway instances sharing one database
// share one notion of now (see ../clock.ts).

/** The offset of the gateway's test clock. Every method runs inside the caller's transaction. */
export interface ClockRepository {
  /** How far the clock has been advanced, in ms (0 on a new database). */
  offset(): Promise<number>;
  /** Adds `byMs` to the offset and returns the new offset; concurrent advances add up. */
  advance(byMs: number): Promise<number>;
}
