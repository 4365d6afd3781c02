// Every published package's README opens with a runnable example: the first ```ts block of each is
// type-checked (strict, as the workspace compiles) against the packages, and run, since each is
// self-contained. The client's example is a ```js block that needs a gateway: ../readme.test.ts
// runs it against the workspace sources, and the consumer check runs it against the installed
// tarballs, so it is not repeated here.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { type ExportsValue, packageDir, readManifest, root, run, TSC } from "./workspace.js";

const EXAMPLES = ["types", "signature", "webhooks", "server"] as const;
type Example = (typeof EXAMPLES)[number];

/** What each example prints (console.log lines), checked after running it. */
const EXPECTED_OUTPUT: Record<Example, RegExp[]> = {
  types: [/^100\.00$/, /^2026-11-27T02:50:44\.123Z 2026-11-27T10:50:44\.123\+08:00$/],
  signature: [
    /^V2_SHA256 appId=483f6c9c743b4a9bbd34bee0c9c81eb7,sign=[0-9a-f]{64},timestamp=\d+,nonce=[0-9a-f]{32}$/,
    /^true$/,
  ],
  webhooks: [/^ORD-20261127-0001 PAID$/],
  server: [/^PENDING http:\/\/127\.0\.0\.1\/checkout\/\S+$/],
};

const firstTsBlock = (name: string): string => {
  const readme = readFileSync(join(packageDir(name), "README.md"), "utf8");
  const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (block === undefined) throw new Error(`packages/${name}/README.md has no \`\`\`ts block`);
  return block;
};

// Type-checked from inside the e2e package's node_modules, so "@gatekit/…" and "@types/node"
// resolve as in any project that depends on the packages (through the workspace's links, with the
// @gatekit/source condition: the sources, no build needed).
const cache = join(root, "packages", "e2e", "node_modules", ".cache");
mkdirSync(cache, { recursive: true });
const checkDir = mkdtempSync(join(cache, "gatekit-readme-"));
// Run from the system's temporary directory, with the imports pointed at the sources.
const runDir = mkdtempSync(join(tmpdir(), "gatekit-readme-"));

afterAll(() => {
  rmSync(checkDir, { recursive: true, force: true });
  rmSync(runDir, { recursive: true, force: true });
});

it("type-checks the first ```ts block of each README", async () => {
  for (const name of EXAMPLES) writeFileSync(join(checkDir, `${name}.ts`), firstTsBlock(name));
  const base = JSON.parse(readFileSync(join(root, "tsconfig.base.json"), "utf8").replace(/^\s*\/\/.*$/gm, "")) as {
    compilerOptions: Record<string, unknown>;
  };
  writeFileSync(
    join(checkDir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        ...base.compilerOptions,
        composite: false,
        declaration: false,
        declarationMap: false,
        emitDeclarationOnly: false,
        noEmit: true,
        types: ["node"],
      },
      files: EXAMPLES.map((name) => `${name}.ts`),
    }),
  );
  const result = await run(process.execPath, [TSC, "-p", join(checkDir, "tsconfig.json"), "--pretty", "false"], {
    cwd: checkDir,
    timeoutMs: 120_000,
  });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.code).toBe(0);
}, 120_000);

/** The workspace source a specifier resolves to under the node and @gatekit/source conditions. */
function sourceOf(specifier: string): string {
  const [, name, subpath] = /^@gatekit\/([^/]+)(\/.*)?$/.exec(specifier) ?? [];
  if (!name) throw new Error(`not a @gatekit specifier: ${specifier}`);
  const entry = readManifest(packageDir(name)).exports?.[`.${subpath ?? ""}`] as
    | Record<string, ExportsValue>
    | undefined;
  const source = entry?.["@gatekit/source"];
  const file = typeof source === "string" ? source : (source as Record<string, string> | undefined)?.["node"];
  if (!file) throw new Error(`${specifier} has no @gatekit/source entry`);
  return pathToFileURL(join(packageDir(name), file)).href;
}

describe.each(EXAMPLES)("@gatekit/%s's README example", (name) => {
  it("runs and prints what it says", async () => {
    const code = firstTsBlock(name).replace(
      /from "(@gatekit\/[^"]+)"/g,
      (_, specifier: string) => `from ${JSON.stringify(sourceOf(specifier))}`,
    );
    const file = join(runDir, `${name}.ts`);
    writeFileSync(file, code);
    const lines: string[] = [];
    const log = vi
      .spyOn(console, "log")
      .mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    try {
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    } finally {
      log.mockRestore();
    }
    const expected = EXPECTED_OUTPUT[name];
    expect(lines.length).toBeGreaterThanOrEqual(expected.length);
    expected.forEach((pattern, index) => expect(lines[index]).toMatch(pattern));
  });
});
