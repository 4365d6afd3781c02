// The seam between the repositories and a database backend. Each repository's SQL is written once,
// with PostgreSQL-style numbered parameters ($1, $2, …); a backend supplies a Driver that runs it
// (rendering the parameters its own way) and a Dialect for the few places where the two databases
// need different SQL.

/** What differs between the backends' SQL, kept in one visible place. */
export interface Dialect {
  /** A boolean parameter as the backend stores it: SQLite has no boolean type (0 and 1). */
  bool(value: boolean): unknown;
  /** `a + b`, capped at `max` rather than overflowing (or failing) the 64-bit column. */
  cappedSum(a: string, b: string, max: string): string;
  /** What ends the subquery that picks outbox rows to claim, so concurrent claimers skip each other's rows. */
  readonly skipLocked: string;
}

/** One SQL statement; `name` is unique across the store (PostgreSQL prepares it by name once per connection). */
export interface Statement {
  readonly name: string;
  /** The SQL, with numbered parameters, for a backend's dialect. */
  readonly text: (dialect: Dialect) => string;
}

/** The one connection a transaction's repositories run on. */
export interface Driver {
  readonly dialect: Dialect;
  /** Runs a statement and returns its rows, each as the values of its select list, in order. */
  rows(statement: Statement, values: readonly unknown[]): Promise<unknown[][]>;
  /** Runs a statement and returns how many rows it changed. */
  run(statement: Statement, values: readonly unknown[]): Promise<number>;
}

/** Declares a statement; SQL that is the same on every backend may be given as a string. */
export function statement(name: string, text: string | ((dialect: Dialect) => string)): Statement {
  return { name: `gatekit_${name}`, text: typeof text === "string" ? () => text : text };
}

/** The first row of a statement's result, if any. */
export async function first(db: Driver, query: Statement, values: readonly unknown[]): Promise<unknown[] | undefined> {
  return (await db.rows(query, values))[0];
}

/** `$1, $2, …, $count`: the parameter list of an insert. */
export function parameters(count: number, from = 1): string {
  return Array.from({ length: count }, (_, index) => `$${from + index}`).join(", ");
}
