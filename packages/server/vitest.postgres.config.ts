import { packageProject } from "../../vitest.shared.js";

// The server's suite again, on PostgreSQL: the global setup starts a throwaway server for the run
// and every test's gateway gets a schema of its own. Tests of the SQLite store itself stay in the
// `server` project; tests that need several instances on one database run only here.
export default packageProject("server-postgres", {
  testTimeout: 20_000,
  exclude: ["src/storage/sqlite/**"],
  globalSetup: ["test/postgres.setup.ts"],
});
