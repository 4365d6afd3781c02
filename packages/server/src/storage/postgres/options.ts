// The PostgreSQL store's options, apart from the driver so that the public declarations do not
// depend on the driver's types.

import type { Migration } from "../migration.js";

/** How to reach the database, and what to do on trouble outside any transaction. */
export interface PostgresConnectOptions {
  /** `postgres://user:password@host:port/database`; `?options=-c search_path=<schema>` picks a schema. */
  readonly url: string;
  /** Connections this instance keeps at most; default 10. */
  readonly poolSize?: number | undefined;
  /** For tests of the migration runner; defaults to the gateway's own. */
  readonly migrations?: readonly Migration[] | undefined;
  /** Told about errors on idle connections (a restarted server), which would otherwise crash the process. */
  readonly onError?: ((error: Error) => void) | undefined;
}
