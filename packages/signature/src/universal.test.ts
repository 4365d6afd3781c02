// The universal entry must load in browsers and edge runtimes, so nothing it reaches may import a
// Node built-in (or anything outside the package: it has no runtime dependencies).

import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importGraph, importSpecifiers as specifiers, isNodeBuiltin as isBuiltin } from "@gatekit/testing";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
describe("the universal entry", () => {
  const graph = importGraph(join(root, "src/index.ts"));
  const imports = [...graph.entries()].flatMap(([file, found]) =>
    found.map((specifier) => `${file.slice(root.length + 1)} → ${specifier}`),
  );

  it("is scanned through its whole import graph", () => {
    const files = [...graph.keys()].map((file) => file.slice(root.length + 1));
    expect(files).toContain("src/digest.web.ts");
    expect(files).toContain("src/authorization.ts");
    expect(files).not.toContain("src/digest.node.ts");
  });

  it("imports no Node built-in, with or without the node: prefix, anywhere in that graph", () => {
    expect(builtinModules).toContain("crypto");
    expect(imports.filter((line) => isBuiltin(line.split(" → ")[1]!))).toEqual([]);
  });

  it("imports nothing but its own files", () => {
    expect(imports.filter((line) => !line.split(" → ")[1]!.startsWith("./"))).toEqual([]);
  });

  it("is the only entry that the scan would flag if it did: the Node entry is seen importing node:crypto", () => {
    const nodeGraph = importGraph(join(root, "src/index.node.ts"));
    expect([...nodeGraph.values()].flat().filter(isBuiltin)).toEqual(["node:crypto"]);
  });

  const built = ["dist/index.mjs", "dist/index.cjs"].map((file) => join(root, file));
  it.skipIf(!built.every((file) => existsSync(file)))(
    "is built without any Node built-in either (checked when dist exists)",
    () => {
      for (const file of built) expect(specifiers(file).filter(isBuiltin)).toEqual([]);
    },
  );
});

describe("the package's exports map", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
    dependencies?: unknown;
  };

  it("sends Node to the node:crypto entry and everything else to the universal one, in source and in dist", () => {
    const dot = manifest.exports["."] as Record<string, unknown>;
    expect(Object.keys(dot)).toEqual(["@gatekit/source", "node", "import", "require"]);
    expect(dot["@gatekit/source"]).toEqual({ node: "./src/index.node.ts", default: "./src/index.ts" });
  });

  it("points every development condition at a source file that exists", () => {
    const targets = JSON.stringify(manifest.exports).match(/\.\/src\/[^"]+/g) ?? [];
    expect(targets.length).toBeGreaterThanOrEqual(3);
    for (const target of targets) expect(existsSync(join(root, target)), target).toBe(true);
  });

  it("has no runtime dependencies", () => {
    expect(manifest.dependencies).toBeUndefined();
  });
});
