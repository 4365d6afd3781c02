// The cycle scan on small trees written for the purpose, then on every package of the workspace:
// inside a package, imports run one way, so no file reaches itself through them.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { importCycles } from "./imports.js";

const scratch = mkdtempSync(join(tmpdir(), "gatekit-imports-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A package of the given files (path → contents) in a fresh directory, returned. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, "tree-"));
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), code);
  }
  return dir;
}

describe("the import cycle scan", () => {
  const cases: { name: string; files: Record<string, string>; cycles: string[] }[] = [
    {
      name: "finds two files that import each other",
      files: { "src/a.ts": 'import { b } from "./b.js";', "src/b.ts": 'import { a } from "./a.js";' },
      cycles: ["src/a.ts → src/b.ts → src/a.ts"],
    },
    {
      name: "counts a type-only import as an import",
      files: {
        "src/app.ts": 'import { route } from "./routes/r.js";',
        "src/routes/r.ts": 'import type { Deps } from "../app.js";',
      },
      cycles: ["src/app.ts → src/routes/r.ts → src/app.ts"],
    },
    {
      name: "counts an inline type import, a re-export and a dynamic import",
      files: {
        "src/a.ts": 'import { type B } from "./b.js";',
        "src/b.ts": 'export * from "./c.js";',
        "src/c.ts": 'const a = await import("./a.js");',
      },
      cycles: ["src/a.ts → src/b.ts → src/c.ts → src/a.ts"],
    },
    {
      name: "finds a file that imports itself",
      files: { "src/self.ts": 'export { x } from "./self.js";' },
      cycles: ["src/self.ts → src/self.ts"],
    },
    {
      name: "gives the shortest way round and names the other files caught in the circle",
      files: {
        "src/app.ts": 'import "./one.js";\nimport "./two.js";',
        "src/one.ts": 'import type { Deps } from "./app.js";',
        "src/two.ts": 'import type { Deps } from "./app.js";',
      },
      cycles: ["src/app.ts → src/one.ts → src/app.ts (with src/two.ts in the same circle)"],
    },
    {
      name: "reports each separate circle once",
      files: {
        "src/a.ts": 'import "./b.js";',
        "src/b.ts": 'import "./a.js";\nimport "./c.js";',
        "src/c.ts": 'import "./d.js";',
        "src/d.ts": 'import "./c.js";',
      },
      cycles: ["src/a.ts → src/b.ts → src/a.ts", "src/c.ts → src/d.ts → src/c.ts"],
    },
    {
      name: "finds none where imports run one way, even when two paths meet",
      files: {
        "src/index.ts": 'import "./left.js";\nimport "./right.js";',
        "src/left.ts": 'import "./shared.js";',
        "src/right.ts": 'import "./shared.js";',
        "src/shared.ts": "export const shared = 1;",
      },
      cycles: [],
    },
    {
      name: "ignores packages, imports in comments, and build output and dependencies",
      files: {
        "src/a.ts": 'import "@gatekit/b";\n// import "./b.js";\n/* import "./b.js"; */',
        "src/b.ts": 'import "./a.js";',
        "dist/a.mjs": 'import "./b.mjs";',
        "dist/b.mjs": 'import "./a.mjs";',
        "node_modules/x/a.js": 'import "./a.js";',
      },
      cycles: [],
    },
    {
      name: "follows .mjs specifiers to JavaScript sources",
      files: { "src/a.mjs": 'import "./b.mjs";', "src/b.mjs": 'import "./a.mjs";' },
      cycles: ["src/a.mjs → src/b.mjs → src/a.mjs"],
    },
  ];

  it.each(cases)("$name", ({ files, cycles }) => {
    expect(importCycles(tree(files))).toEqual(cycles);
  });
});

const root = fileURLToPath(new URL("../../../", import.meta.url));
const workspace = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${group}/${entry.name}`),
);

describe("every package of the workspace", () => {
  it("is found: the scan covers the libraries, the server and the apps", () => {
    expect(workspace).toEqual(
      expect.arrayContaining(["packages/types", "packages/client", "packages/server", "apps/demo-merchant"]),
    );
  });

  it.each(workspace)("%s has no import cycle", (dir) => {
    expect(importCycles(join(root, dir))).toEqual([]);
  });
});
