// The PostgreSQL schema, as numbered migrations applied in order and recorded in
// `schema_migrations`, the same way as on SQLite (see ../sqlite/migrations.ts). Never edit a
// released migration: add the next one. Money is BIGINT minor units (the contract's 15+2 digits
// fit), times are BIGINT epoch milliseconds, so both backends hold the same values.

import type { Migration } from "../migration.js";
import { initialSchema, type SchemaTypes, testClockSchema } from "../schema.js";

const POSTGRES_TYPES: SchemaTypes = { bigint: "BIGINT", boolean: "BOOLEAN NOT NULL DEFAULT FALSE" };

/** Every PostgreSQL migration, oldest first. */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: initialSchema(POSTGRES_TYPES),
  },
  {
    // The test clock's offset (POST /__gateway/clock), shared by every instance on the database.
    version: 2,
    name: "test clock",
    sql: testClockSchema(POSTGRES_TYPES),
  },
];
