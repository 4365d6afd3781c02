// The release script's dry run: for every public package, `pnpm publish --dry-run --no-git-checks`
// (nothing is uploaded) after a check of the manifests exactly as packed. The test reads what would
// be published and holds it to the promise: the build, README, LICENSE and package.json, every
// published entry point among them, and nothing else (no sources, tests, configs).

import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  expectSuccess,
  exportTargets,
  packageDir,
  PUBLISHED,
  readManifest,
  requireBuild,
  root,
  run,
} from "./workspace.js";

interface DryRunPackage {
  readonly name: string;
  readonly version: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

const script = join(root, "scripts", "release.mjs");
let report: DryRunPackage[];

beforeAll(async () => {
  requireBuild();
  const result = expectSuccess(
    await run(process.execPath, [script, "--dry-run", "--skip-checks", "--json"], { cwd: root }),
    "release --dry-run",
  );
  report = JSON.parse(result.stdout) as DryRunPackage[];
  expect(result.stderr).toContain("nothing was published");
}, 120_000);

it("dry-runs every public package, each at the same version, dependencies before dependents", () => {
  expect(report.map((p) => p.name).sort()).toEqual(PUBLISHED.map((name) => `@gatekit/${name}`).sort());
  expect(new Set(report.map((p) => p.version)).size).toBe(1);
  const position = (name: string) => report.findIndex((p) => p.name === name);
  for (const name of PUBLISHED) {
    const manifest = readManifest(packageDir(name));
    for (const dependency of Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith("@gatekit/"))) {
      expect(position(dependency), `${dependency} before ${manifest.name}`).toBeLessThan(position(manifest.name));
    }
  }
});

describe.each(PUBLISHED)("@gatekit/%s", (name) => {
  const entry = () => report.find((p) => p.name === `@gatekit/${name}`)!;

  it("would publish its build, README, LICENSE and package.json, and nothing else", () => {
    const { files } = entry();
    expect(files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE"]));
    // The server also ships the API docs page it serves at /docs.
    const shipped =
      name === "server"
        ? /^(dist\/.+\.(mjs|cjs|d\.mts|d\.cts)|dist\/docs\/index\.html|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/
        : /^(dist\/.+\.(mjs|cjs|d\.mts|d\.cts)|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    for (const file of files) expect(file, file).toMatch(shipped);
    expect(
      files.some((file) => /(^|\/)(src|test|bench|scripts)\//.test(file) || /tsconfig|tsdown|vitest/.test(file)),
    ).toBe(false);
  });

  it("would publish every file its exports, bin, main, module and types point at", () => {
    const manifest = readManifest(packageDir(name));
    const entries = [
      ...exportTargets(manifest.publishConfig?.exports),
      ...Object.values(manifest.bin ?? {}),
      manifest.main,
      manifest.module,
      manifest.types,
    ]
      .filter((file): file is string => file !== undefined)
      .map((file) => file.replace(/^\.\//, ""));
    for (const file of entries) expect(entry().files, file).toContain(file);
  });
});

it("publishes the API docs page with the server, so that an installed gateway serves it", () => {
  expect(report.find((p) => p.name === "@gatekit/server")!.files).toContain("dist/docs/index.html");
});

it("does not publish the server CLI's unused CommonJS build and declarations", () => {
  const server = report.find((p) => p.name === "@gatekit/server")!;
  expect(server.files).toContain("dist/cli/main.mjs");
  expect(server.files.filter((file) => file.startsWith("dist/cli/"))).toEqual(["dist/cli/main.mjs"]);
});

it("refuses a real release without the checks", async () => {
  const result = await run(process.execPath, [script, "--skip-checks"], { cwd: root });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("--skip-checks is only for --dry-run");
});
