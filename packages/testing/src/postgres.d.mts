// Types of postgres.mjs, which is JavaScript so that node scripts (the server's benchmark) can
// use it as well as the test suites.

/** A running server and the URL of a superuser on it. */
export interface PostgresServer {
  /** `postgres://gatekit@127.0.0.1:<port>/postgres`, or GATEKIT_TEST_POSTGRES_URL when set. */
  readonly url: string;
  /**
   * Stops the server (a fast shutdown that ends every session), runs `whileDown` if given, and
   * starts it again on the same port and data. Throws for a server given by URL.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  /** Stops the server and deletes its folder (nothing for a server given by URL). */
  stop(): Promise<void>;
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** Keep fsync and full-page writes on (default off: the tests do not check durability). */
  readonly durable?: boolean;
  /** More server settings (`-c name=value`), such as `{ synchronous_commit: "off" }`. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** Where Debian installs the server's programs; the newest major version wins. */
export function postgresBinDir(): string;

/**
 * Starts a fresh cluster in a temporary folder on a free loopback port (as the `postgres` user when
 * run as root), or returns the server GATEKIT_TEST_POSTGRES_URL names.
 */
export function startPostgres(options?: StartPostgresOptions): Promise<PostgresServer>;
