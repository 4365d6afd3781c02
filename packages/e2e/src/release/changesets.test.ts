// `changeset version` on a copy of the workspace's manifests and changesets (nothing else is
// needed: changesets reads package.json files and pnpm-workspace.yaml): every public package
// moves to one version with a changelog, private packages are left alone, and the internal
// dependency ranges stay `workspace:*`, which `pnpm pack`/`publish` pin to that version (the
// publish test checks the packed manifests).

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectSuccess, type Manifest, PUBLISHED, root, run, workspacePackages } from "./workspace.js";

const CHANGESET = join(root, "node_modules", ".bin", "changeset");
const copies: string[] = [];

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

/** A copy of what changesets reads; `pending` chooses which changesets come along. */
function copyWorkspace(pending: "keep" | "drop"): string {
  const copy = mkdtempSync(join(tmpdir(), "gatekit-changesets-"));
  copies.push(copy);
  for (const file of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(root, file), join(copy, file));
  cpSync(join(root, ".changeset"), join(copy, ".changeset"), { recursive: true });
  if (pending === "drop") for (const file of pendingChangesets(copy)) rmSync(join(copy, ".changeset", file));
  for (const { dir } of workspacePackages()) {
    mkdirSync(join(copy, dir), { recursive: true });
    cpSync(join(root, dir, "package.json"), join(copy, dir, "package.json"));
  }
  return copy;
}

const pendingChangesets = (dir: string): string[] =>
  readdirSync(join(dir, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

type Bump = "major" | "minor" | "patch";
const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** The largest bump the changesets in a directory ask for (what a fixed group applies to all). */
function largestBump(dir: string): Bump {
  let largest: Bump = "patch";
  for (const file of pendingChangesets(dir)) {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, ".changeset", file), "utf8"))?.[1] ?? "";
    for (const [, bump] of front.matchAll(/:\s*(major|minor|patch)\s*$/gm))
      if (RANK[bump as Bump] > RANK[largest]) largest = bump as Bump;
  }
  return largest;
}

function bumped(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split("-")[0]!.split(".").map(Number);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

async function version(copy: string): Promise<void> {
  expectSuccess(await run(CHANGESET, ["version"], { cwd: copy, timeoutMs: 60_000 }), "changeset version");
}

const before = Object.fromEntries(workspacePackages().map(({ dir, manifest }) => [dir, manifest]));
const publicDirs = PUBLISHED.map((name) => `packages/${name}`);
const privateDirs = Object.keys(before).filter((dir) => before[dir]!.private === true);

describe("the pending changesets", () => {
  let copy: string;
  let expected: string;

  it("version every public package to one version", async () => {
    copy = copyWorkspace("keep");
    expect(pendingChangesets(copy).length, "there are pending changesets to apply").toBeGreaterThan(0);
    const current = before["packages/types"]!.version;
    expected = bumped(current, largestBump(copy));
    await version(copy);
    for (const dir of publicDirs) expect(read(join(copy, dir)).version, dir).toBe(expected);
    expect(pendingChangesets(copy), "the changesets are consumed").toEqual([]);
  }, 60_000);

  it("write a changelog for each public package, with the notes of the changesets that name it", () => {
    const notes = readdirSync(join(root, ".changeset"))
      .filter((file) => file.endsWith(".md") && file !== "README.md")
      .map((file) => readFileSync(join(root, ".changeset", file), "utf8"));
    for (const dir of publicDirs) {
      const name = before[dir]!.name;
      const changelog = readFileSync(join(copy, dir, "CHANGELOG.md"), "utf8");
      expect(changelog.startsWith(`# ${name}\n\n## ${expected}\n`), `${dir}/CHANGELOG.md`).toBe(true);
      for (const note of notes.filter((text) => text.includes(`"${name}":`))) {
        const firstLine = note.split("---")[2]!.trim().split("\n")[0]!;
        expect(changelog, `${dir}/CHANGELOG.md has "${firstLine}"`).toContain(firstLine);
      }
    }
  });

  it("leave the private packages alone: no version, no changelog", () => {
    expect(privateDirs).toEqual(
      expect.arrayContaining(["packages/contract", "packages/testing", "packages/e2e", "apps/docs"]),
    );
    for (const dir of privateDirs) {
      expect(read(join(copy, dir)).version, dir).toBe(before[dir]!.version);
      expect(existsSync(join(copy, dir, "CHANGELOG.md")), `${dir}/CHANGELOG.md`).toBe(false);
    }
  });

  it(
    "keep every internal dependency on workspace:* (pinned to the " +
      "new version when packed) and every other range as it was",
    () => {
      for (const dir of Object.keys(before)) {
        const after = read(join(copy, dir));
        for (const field of ["dependencies", "peerDependencies", "devDependencies"] as const) {
          expect(after[field], `${dir} ${field}`).toEqual(before[dir]![field]);
          for (const [name, range] of Object.entries(after[field] ?? {})) {
            if (name.startsWith("@gatekit/")) expect(range, `${dir} ${field}.${name}`).toBe("workspace:*");
          }
        }
      }
    },
  );
});

it("moves all five packages together when a changeset names only one of them", async () => {
  const copy = copyWorkspace("drop");
  writeFileSync(
    join(copy, ".changeset", "one-fix.md"),
    `---\n"@gatekit/signature": patch\n---\n\nA fix in the signature.\n`,
  );
  const current = before["packages/types"]!.version;
  await version(copy);
  for (const dir of publicDirs) {
    expect(read(join(copy, dir)).version, dir).toBe(bumped(current, "patch"));
    expect(readFileSync(join(copy, dir, "CHANGELOG.md"), "utf8")).toContain(`## ${bumped(current, "patch")}`);
  }
  expect(readFileSync(join(copy, "packages/signature/CHANGELOG.md"), "utf8")).toContain("A fix in the signature.");
  for (const dir of privateDirs) expect(read(join(copy, dir)).version, dir).toBe(before[dir]!.version);
}, 60_000);
