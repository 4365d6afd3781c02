// A schema migration, as both backends record them in `schema_migrations`.

/** One step of a backend's schema. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
