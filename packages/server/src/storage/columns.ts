// A table's columns written once: the record's fields in column order, each with how to read its
// value. Column names are the fields in snake_case (`merchantTradeNo` is `merchant_trade_no`), so
// the select list, the insert and the row mapping of a table cannot drift apart.

/** How each field of `T` is read from its column; the object's key order is the column order. */
export type ColumnReaders<T> = { readonly [K in keyof T]-?: (value: unknown) => T[K] };

/** A table's columns and the conversions between its rows and records of `T`. */
export interface Columns<T> {
  /** The column names, comma separated, for a select list or an insert. */
  readonly list: string;
  /** How many columns there are. */
  readonly count: number;
  /** A row (the values of {@link list}, in order) as a record. */
  read(row: readonly unknown[]): T;
  /** A record's values (or its fields as stored, where they differ) in the order of {@link list}, for an insert. */
  values(record: { readonly [K in keyof T]: unknown }): unknown[];
}

/** The columns of a table whose fields are read by `readers`. */
export function columns<T>(readers: ColumnReaders<T>): Columns<T> {
  const fields = Object.keys(readers) as (keyof T & string)[];
  const read = fields.map((field) => readers[field] as (value: unknown) => unknown);
  return {
    list: fields.map(snakeCase).join(", "),
    count: fields.length,
    read(row) {
      const record: Record<string, unknown> = {};
      for (let index = 0; index < fields.length; index++) record[fields[index]!] = read[index]!(row[index]);
      return record as T;
    },
    values: (record) => fields.map((field) => record[field]),
  };
}

function snakeCase(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
