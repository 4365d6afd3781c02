// Running the repositories' statements on the SQLite connection (better-sqlite3), which is
// synchronous: each call finishes before its promise is handed back.

import type { Database, Statement as Prepared } from "better-sqlite3";
import type { Dialect, Driver, Statement } from "../sql.js";

/** SQLite's side of the SQL that differs between the backends. */
export const sqliteDialect: Dialect = {
  bool: (value) => (value ? 1 : 0),
  cappedSum: (a, b, max) => `MIN(${a} + ${b}, ${max})`,
  // One connection writes at a time (BEGIN IMMEDIATE), so no claimer ever meets another's rows.
  skipLocked: "",
};

interface Compiled {
  readonly prepared: Prepared;
  /** For each `?` in the SQL, the index of its value (a `$n` may appear more than once); null when in order. */
  readonly order: readonly number[] | null;
}

/** A Driver on one better-sqlite3 connection; each statement is prepared once, on first use. */
export function sqliteDriver(db: Database): Driver {
  const compiled = new Map<Statement, Compiled>();
  const compile = (statement: Statement): Compiled => {
    let found = compiled.get(statement);
    if (!found) {
      found = prepare(db, statement.text(sqliteDialect));
      compiled.set(statement, found);
    }
    return found;
  };
  const bind = ({ order }: Compiled, values: readonly unknown[]) =>
    order ? order.map((index) => values[index]) : values;
  return {
    dialect: sqliteDialect,
    async rows(statement, values) {
      const found = compile(statement);
      return found.prepared.all(...bind(found, values)) as unknown[][];
    },
    async run(statement, values) {
      const found = compile(statement);
      return found.prepared.run(...bind(found, values)).changes;
    },
  };
}

// better-sqlite3 binds numbered parameters (?1) by name, not by position, so each `$n` becomes a
// plain `?` and the values are picked in the order the placeholders appear.
function prepare(db: Database, text: string): Compiled {
  const order: number[] = [];
  const prepared = db.prepare(
    text.replace(/\$(\d+)/g, (_, n: string) => {
      order.push(Number(n) - 1);
      return "?";
    }),
  );
  // Rows as arrays, in select-list order: better-sqlite3 building an object per row (26 named
  // properties for a payment) took about 40% of reading one.
  if (prepared.reader) prepared.raw(true);
  return { prepared, order: order.every((index, position) => index === position) ? null : order };
}
