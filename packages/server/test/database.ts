// The database a test's gateway runs on. The `server` project runs the suite on SQLite; the
// `server-postgres` project runs the same files again on a PostgreSQL server its global setup
// started, giving every database a schema of its own so that files run in parallel.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject, onTestFinished } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's PostgreSQL server (a superuser URL), in the `server-postgres` project only. */
    postgresUrl?: string;
  }
}

/** The run's PostgreSQL server, when this project runs on PostgreSQL. */
export function postgresServerUrl(): string | undefined {
  return inject("postgresUrl");
}

let schemas = 0;

/** A database URL on the run's server with a new, empty schema (created by the gateway on first use). */
export function freshSchemaUrl(serverUrl: string): string {
  const schema = `t_${process.pid}_${++schemas}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(serverUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** A new, empty database that lives as long as the gateway: `:memory:`, or a fresh schema. */
export function freshDb(): string {
  const server = postgresServerUrl();
  return server ? freshSchemaUrl(server) : ":memory:";
}

/**
 * A new, empty database that outlives a gateway, for tests that close one and open another on it:
 * a SQLite file in a folder deleted after the test, or a fresh schema. Call it inside a test.
 */
export function durableDb(): string {
  const server = postgresServerUrl();
  if (server) return freshSchemaUrl(server);
  const folder = mkdtempSync(join(tmpdir(), "gatekit-test-db-"));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  return join(folder, "gateway.db");
}
