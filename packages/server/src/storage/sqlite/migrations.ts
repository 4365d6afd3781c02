// The schema, as numbered migrations applied in order and recorded in `schema_migrations`, so a
// database made by an older gateway is brought up to date on open. Never edit a released
// migration: add the next one. Money is INTEGER minor units (64-bit: the contract's 15+2 digits
// fit), times are INTEGER epoch milliseconds.

import type { Migration } from "../migration.js";
import { initialSchema, type SchemaTypes, testClockSchema } from "../schema.js";

export type { Migration };

// SQLite's INTEGER is 64-bit, and it has no boolean type.
const SQLITE_TYPES: SchemaTypes = { bigint: "INTEGER", boolean: "INTEGER NOT NULL DEFAULT 0" };

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: initialSchema(SQLITE_TYPES),
  },
  {
    // Every request inserts a nonce. As a rowid table, that was three B-trees written per insert
    // (the rows, the primary key's index, the expiry index); WITHOUT ROWID stores the rows in the
    // primary key's B-tree itself, so two. The expiry index stays: the sweep purges by it.
    version: 2,
    name: "nonces without rowid",
    sql: `
      CREATE TABLE nonces_new (
        app_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (app_id, nonce)
      ) WITHOUT ROWID;
      INSERT INTO nonces_new (app_id, nonce, expires_at) SELECT app_id, nonce, expires_at FROM nonces;
      DROP TABLE nonces;
      ALTER TABLE nonces_new RENAME TO nonces;
      CREATE INDEX nonces_expiry ON nonces (expires_at);
    `,
  },
  {
    // The test clock's offset (POST /__gateway/clock): one row, so every connection and process
    // on the database shares one notion of now. Reset does not touch it.
    version: 3,
    name: "test clock",
    sql: testClockSchema(SQLITE_TYPES),
  },
];
