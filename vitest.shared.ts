import { defineProject, type TestProjectInlineConfiguration } from "vitest/config";

// Workspace packages export their TypeScript sources under this condition, so tests run against
// `src/` without a build step while published packages resolve to `dist/`. The rest are Vite's
// default server conditions, which a custom list would otherwise replace.
const conditions = ["@gatekit/source", "module", "node", "development|production"];

/** The settings every package's vitest project shares; `name` is the package's short name. */
export function packageProject(name: string, extra: NonNullable<TestProjectInlineConfiguration["test"]> = {}) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ["@gatekit/source"] } },
    test: { name, include: ["src/**/*.test.ts"], ...extra },
  });
}
