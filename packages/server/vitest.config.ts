import { packageProject } from "../../vitest.shared.js";

// Each test opens its own gateway on a fresh in-memory or temporary database, so files run in
// parallel safely; the concurrency tests need a little more time than the default on 2 cores.
// vitest.postgres.config.ts runs the same suite on PostgreSQL.
export default packageProject("server", {
  testTimeout: 20_000,
  exclude: ["src/storage/postgres/**", "**/*.postgres.test.ts"],
  typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
});
