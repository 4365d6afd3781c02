import { defineConfig } from "vitest/config";

// One project per package: each package's vitest.config.ts names itself and its files. The server's
// suite runs a second time on PostgreSQL.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts", "packages/server/vitest.postgres.config.ts"],
  },
});
