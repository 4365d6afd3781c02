// Running the repositories' statements on a PostgreSQL connection (pg). Each statement has a fixed
// name, so the server parses and plans it once per connection and later runs only bind it.

import type { PoolClient } from "pg";
import type { Dialect, Driver, Statement } from "../sql.js";

/** PostgreSQL's side of the SQL that differs between the backends. */
export const postgresDialect: Dialect = {
  bool: (value) => value,
  // In numeric, so that even a sum beyond BIGINT saturates instead of failing the transaction.
  cappedSum: (a, b, max) => `LEAST(${a}::numeric + ${b}, ${max})::bigint`,
  // Several instances claim from one outbox: each passes over the rows another is claiming.
  skipLocked: "FOR UPDATE SKIP LOCKED",
};

/** The one connection a transaction's repositories run on. */
export type Connection = Pick<PoolClient, "query">;

// The SQL of a statement is the same on every connection: render it once.
const texts = new Map<Statement, string>();

function textOf(statement: Statement): string {
  let text = texts.get(statement);
  if (text === undefined) {
    text = statement.text(postgresDialect);
    texts.set(statement, text);
  }
  return text;
}

/** A Driver on one pooled connection. */
export function postgresDriver(connection: Connection): Driver {
  const config = (statement: Statement, values: readonly unknown[]) => ({
    name: statement.name,
    text: textOf(statement),
    values: values as unknown[],
  });
  return {
    dialect: postgresDialect,
    async rows(statement, values) {
      return (await connection.query<unknown[]>({ ...config(statement, values), rowMode: "array" })).rows;
    },
    async run(statement, values) {
      return (await connection.query(config(statement, values))).rowCount ?? 0;
    },
  };
}
