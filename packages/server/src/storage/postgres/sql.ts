// Running the repositories' statements on a PostgreSQL connection. Each statement has a fixed
// name, so the server parses and plans it once per connection and later runs only bind it.

import type { PoolClient, QueryResultRow } from "pg";

/** A named SQL statement with positional parameters ($1, $2, …). */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

/** The one connection a transaction's repositories run on. */
export type Connection = Pick<PoolClient, "query">;

/** Declares a statement; `name` must be unique across the store. */
export function statement(name: string, text: string): Statement {
  return { name: `gatekit_${name}`, text };
}

/** Runs a statement and returns its rows. */
export async function rows<T extends QueryResultRow>(connection: Connection, { name, text }: Statement, values: readonly unknown[]): Promise<T[]> {
  return (await connection.query<T>({ name, text, values: values as unknown[] })).rows;
}

/** Runs a statement and returns its first row, if any. */
export async function row<T extends QueryResultRow>(connection: Connection, query: Statement, values: readonly unknown[]): Promise<T | undefined> {
  return (await rows<T>(connection, query, values))[0];
}

/** Runs a statement and returns how many rows it changed. */
export async function changes(connection: Connection, { name, text }: Statement, values: readonly unknown[]): Promise<number> {
  return (await connection.query({ name, text, values: values as unknown[] })).rowCount ?? 0;
}
