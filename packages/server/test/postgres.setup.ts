// The `server-postgres` project's global setup: one throwaway PostgreSQL server for the run.

import { startPostgres } from "@gatekit/testing";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
