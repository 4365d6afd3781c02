// What every published package's package.json promises, checked so that it cannot drift: the
// published exports map is the development one without the `@gatekit/source` branches, every file
// it (and `bin`, `main`, `module`, `types`) points at exists after a build, and the metadata a
// registry page and a consumer's tools read is present and the same everywhere.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ExportsValue,
  exportTargets,
  type Manifest,
  missingBuildOutputs,
  packageDir,
  PUBLISHED,
  readManifest,
  root,
  typesVersionsTargets,
  withoutSourceCondition,
  workspacePackages,
} from "./workspace.js";

const manifests = Object.fromEntries(PUBLISHED.map((name) => [name, readManifest(packageDir(name))])) as Record<
  (typeof PUBLISHED)[number],
  Manifest
>;

/** The declarations an export's require branch points at (under whatever conditions come first). */
function requireTypes(value: ExportsValue): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const branch = value["require"];
  if (branch !== null && typeof branch === "object" && typeof branch["types"] === "string") return branch["types"];
  for (const target of Object.values(value)) {
    const found = requireTypes(target);
    if (found !== undefined) return found;
  }
  return undefined;
}

it("publishes exactly the five @gatekit packages; everything else in the workspace is private", () => {
  const published = workspacePackages()
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir }) => dir)
    .sort();
  expect(published).toEqual(PUBLISHED.map((name) => `packages/${name}`).sort());
});

it("gives every published package the same version (one fixed group)", () => {
  expect(new Set(Object.values(manifests).map((m) => m.version)).size).toBe(1);
});

describe.each(PUBLISHED)("@gatekit/%s", (name) => {
  const dir = packageDir(name);
  const manifest = manifests[name];

  it("publishes the development exports without the @gatekit/source branches", () => {
    expect(manifest.exports, "exports").toBeDefined();
    expect(manifest.publishConfig?.exports).toEqual(withoutSourceCondition(manifest.exports as ExportsValue));
    expect(JSON.stringify(manifest.publishConfig)).not.toContain("@gatekit/source");
  });

  it("points nothing it publishes at src/", () => {
    const published = [
      ...exportTargets(manifest.publishConfig?.exports),
      ...Object.values(manifest.bin ?? {}),
      manifest.main,
      manifest.module,
      manifest.types,
    ].filter((file): file is string => file !== undefined);
    expect(published.length).toBeGreaterThan(0);
    for (const file of published) expect(file === "./package.json" || file.startsWith("./dist/"), file).toBe(true);
    // A bin is published as it is (there is no development bin), so it too must be a build output.
    expect(manifest.publishConfig?.bin).toBeUndefined();
  });

  it("has a types condition first in every import and require branch, and exports ./package.json", () => {
    const exportsMap = manifest.publishConfig?.exports ?? {};
    expect(exportsMap["./package.json"]).toBe("./package.json");
    const visit = (value: ExportsValue, path: string): void => {
      if (value === null || typeof value !== "object") return;
      for (const [condition, target] of Object.entries(value)) {
        if ((condition === "import" || condition === "require") && typeof target === "object" && target !== null) {
          const keys = Object.keys(target);
          expect(keys, `${path}.${condition}`).toEqual(["types", "default"]);
          const types = target["types"] as string;
          const code = target["default"] as string;
          // Declarations in the same module format as the code they describe.
          expect(types, `${path}.${condition}.types`).toMatch(condition === "import" ? /\.d\.mts$/ : /\.d\.cts$/);
          expect(code, `${path}.${condition}.default`).toMatch(condition === "import" ? /\.mjs$/ : /\.cjs$/);
        } else {
          visit(target, `${path}.${condition}`);
        }
      }
    };
    for (const [subpath, value] of Object.entries(exportsMap)) {
      if (subpath === "./package.json") continue;
      visit(value, subpath);
      // Both module systems get an entry, whatever other conditions come first.
      const conditions = JSON.stringify(value);
      expect(conditions, subpath).toContain('"import"');
      expect(conditions, subpath).toContain('"require"');
    }
  });

  it("has every published entry built (after pnpm build)", () => {
    expect(missingBuildOutputs(name)).toEqual([]);
    for (const bin of Object.values(manifest.bin ?? {})) {
      expect(
        readFileSync(join(dir, bin), "utf8").startsWith("#!/usr/bin/env node\n"),
        `${bin} starts with a shebang`,
      ).toBe(true);
    }
  });

  it("ships only dist (plus README, LICENSE, package.json), is side-effect free and states Node 20+", () => {
    expect(manifest.files?.[0]).toBe("dist");
    expect(manifest.files?.filter((entry) => !entry.startsWith("!dist/"))).toEqual(["dist"]);
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.type).toBe("module");
    expect(manifest.engines?.["node"]).toMatch(/^>=20(\.\d+)*$/);
    expect(manifest.publishConfig?.access).toBe("public");
  });

  it("has the registry metadata: license, repository, homepage, bugs, keywords, description", () => {
    expect(manifest.name).toBe(`@gatekit/${name}`);
    expect(manifest.license).toBe("MIT");
    expect(manifest.repository).toEqual({
      type: "git",
      url: "git+https://github.com/gatekit/gatekit.git",
      directory: `packages/${name}`,
    });
    expect(manifest.homepage).toBe(`https://github.com/gatekit/gatekit/tree/main/packages/${name}#readme`);
    expect(manifest.bugs).toEqual({ url: "https://github.com/gatekit/gatekit/issues" });
    expect(manifest.keywords).toContain("gatekit");
    expect(manifest.description?.length).toBeGreaterThan(20);
  });

  it("ships the root LICENSE and a README of its own", () => {
    expect(readFileSync(join(dir, "LICENSE"), "utf8")).toBe(readFileSync(join(root, "LICENSE"), "utf8"));
    const readme = readFileSync(join(dir, "README.md"), "utf8");
    expect(readme.startsWith(`# @gatekit/${name}\n`)).toBe(true);
    expect(readme).toMatch(/```(ts|js)\n/);
  });

  it("gives every subpath export a typesVersions entry, so TypeScript's node10 resolution finds its types", () => {
    // node10 (`moduleResolution: node`) ignores `exports`: a subpath's types are found through
    // typesVersions, pointed at the same declarations as the subpath's require branch.
    const subpaths = Object.entries(manifest.publishConfig?.exports ?? {}).filter(
      ([subpath]) => subpath !== "." && subpath !== "./package.json",
    );
    const expected = Object.fromEntries(subpaths.map(([subpath, value]) => [subpath.slice(2), [requireTypes(value)]]));
    if (subpaths.length === 0) expect(manifest.typesVersions).toBeUndefined();
    else expect(manifest.typesVersions).toEqual({ "*": expected });
    for (const file of typesVersionsTargets(manifest)) expect(file, file).toMatch(/^\.\/dist\/.+\.d\.cts$/);
  });

  it("lints with publint and arethetypeswrong's strict profile (node10, node16 CommonJS and ESM, bundler)", () => {
    expect(manifest.scripts?.["lint"]).toBe("publint --strict && attw --pack . --profile strict");
  });

  it(
    "depends on @gatekit packages through the workspace protocol " +
      "only (pinned to the release's version when packed)",
    () => {
      for (const [dependency, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
        if (dependency.startsWith("@gatekit/")) expect(range, dependency).toBe("workspace:*");
      }
    },
  );
});

it("keeps @gatekit/signature and @gatekit/webhooks free of third-party runtime dependencies", () => {
  // signature depends on nothing at all. webhooks builds on signature (one implementation of the
  // scheme, released in lockstep with it) and types; nothing outside the @gatekit group.
  expect(manifests.signature.dependencies ?? {}).toEqual({});
  expect(manifests.signature.peerDependencies ?? {}).toEqual({});
  expect(Object.keys(manifests.webhooks.dependencies ?? {}).sort()).toEqual(["@gatekit/signature", "@gatekit/types"]);
  expect(manifests.webhooks.peerDependencies ?? {}).toEqual({});
  expect(manifests.types.dependencies ?? {}).toEqual({});
});
