// `pnpm release`: publishes every public @gatekit package at the version `pnpm changeset version`
// gave them. First the whole check that CI runs (`npm test`: install, lint with publint and
// arethetypeswrong, type-check, build, every test including the installed-package consumer
// check), then a look at each package exactly as it will be packed, then `changeset publish`
// (which runs `pnpm publish` per package, so `publishConfig` and the workspace: ranges are
// rewritten as they should be, and tags each release).
//
//   node scripts/release.mjs               check, then publish
//   node scripts/release.mjs --dry-run     check, then `pnpm publish --dry-run --no-git-checks` per
//                                          package: what would be uploaded, nothing is
//   --skip-checks                          with --dry-run only: leave out `npm test` (the CI test of
//                                          this script uses it, from inside that very test run)
//   --json                                 with --dry-run: print the packages and their files as JSON
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { gunzipSync } from "node:zlib";
import { env, pnpm, pnpmPath, root, run } from "./workspace.mjs";

// `pnpm release -- --dry-run` passes the "--" through; ignore it.
const args = new Set(process.argv.slice(2).filter((arg) => arg !== "--"));
const dryRun = args.has("--dry-run");
const skipChecks = args.has("--skip-checks");
const json = args.has("--json");
for (const arg of args) {
  if (!["--dry-run", "--skip-checks", "--json"].includes(arg))
    fail(`unknown option ${arg}; see the top of scripts/release.mjs`);
}
if (skipChecks && !dryRun)
  fail("--skip-checks is only for --dry-run: a real release always runs the whole check first");
if (json && !dryRun) fail("--json is only for --dry-run");

/** Logs progress; with --json, to stderr, so that stdout holds only the JSON. */
const say = (line) => (json ? console.error(line) : console.log(line));

function fail(message) {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/** The public packages, in dependency order (a dependency is published before its dependents). */
function publicPackages() {
  const found = [];
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(root, group))) {
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(join(root, group, name, "package.json"), "utf8"));
      } catch {
        continue;
      }
      if (manifest.private !== true) found.push({ dir: join(root, group, name), manifest });
    }
  }
  const byName = new Map(found.map((p) => [p.manifest.name, p]));
  const ordered = [];
  const visit = (p) => {
    if (ordered.includes(p)) return;
    for (const dependency of Object.keys({ ...p.manifest.dependencies, ...p.manifest.peerDependencies })) {
      const internal = byName.get(dependency);
      if (internal) visit(internal);
    }
    ordered.push(p);
  };
  for (const p of found.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name))) visit(p);
  return ordered;
}

/** What a published package may contain: its build, its README, LICENSE and CHANGELOG, package.json. */
export const ALLOWED_FILE = /^(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
const REQUIRED_FILES = ["package.json", "README.md", "LICENSE"];

/** Reads one file out of a .tgz (ustar) without a tar program. */
function readFromTarball(tarball, wanted) {
  const data = gunzipSync(readFileSync(tarball));
  for (let offset = 0; offset + 512 <= data.length; ) {
    const header = data.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start, length) =>
      header
        .subarray(start, start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join("/");
    const size = Number.parseInt(field(124, 12).trim() || "0", 8);
    if (name === wanted) return data.subarray(offset + 512, offset + 512 + size).toString("utf8");
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} is not in ${tarball}`);
}

/**
 * Packs each package the way publishing will and checks the manifest that would be uploaded: no
 * workspace: or catalog: range left, internal dependencies pinned to this release's version, no
 * @gatekit/source condition, nothing pointing into src/.
 */
function checkPackedManifests(packages) {
  const directory = mkdtempSync(join(tmpdir(), "gatekit-release-"));
  try {
    const version = packages[0]?.manifest.version;
    for (const { dir, manifest } of packages) {
      if (manifest.version !== version)
        fail(`${manifest.name} is at ${manifest.version}, not ${version}: the fixed group drifted`);
      const packed = spawnSync(pnpmPath(), ["pack", "--pack-destination", directory, "--json"], {
        cwd: dir,
        env,
        encoding: "utf8",
      });
      if (packed.status !== 0) fail(`pnpm pack failed in ${dir}:\n${packed.stderr}${packed.stdout}`);
      const { filename } = JSON.parse(packed.stdout);
      const tarball = isAbsolute(filename) ? filename : join(directory, filename);
      const text = readFromTarball(tarball, "package/package.json");
      const published = JSON.parse(text);
      const problems = [];
      if (text.includes("@gatekit/source")) problems.push("the @gatekit/source condition is still there");
      if (/"\.\/src\//.test(text)) problems.push("something points into src/");
      for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
        for (const [name, range] of Object.entries(published[field] ?? {})) {
          if (/^(workspace|catalog):/.test(range)) problems.push(`${field}.${name} is still ${range}`);
          if (name.startsWith("@gatekit/") && range !== version)
            problems.push(`${field}.${name} is ${range}, not ${version}`);
        }
      }
      if (problems.length > 0) fail(`${manifest.name}: the packed package.json is wrong:\n  ${problems.join("\n  ")}`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function pendingChangesets() {
  return readdirSync(join(root, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md");
}

// 1. The whole check, as CI runs it.
if (!skipChecks) {
  say("› the whole check (npm test)");
  run(process.execPath, [join(root, "scripts", "test.mjs")]);
}

const packages = publicPackages();
if (packages.length === 0) fail("no public package found");
say(`› packages: ${packages.map((p) => `${p.manifest.name}@${p.manifest.version}`).join(", ")}`);

// 2. The versions must be the ones `changeset version` wrote: no changeset may still be pending.
const pending = pendingChangesets();
if (pending.length > 0) {
  const message =
    `${pending.length} changeset(s) not yet applied (${pending.join(", ")}): ` +
    `run \`pnpm changeset version\`, review the versions and changelogs, commit, then release`;
  if (!dryRun) fail(message);
  say(`! ${message} (a real release would stop here)`);
}

// 3. The packages exactly as they will be uploaded.
say("› checking the packed manifests");
checkPackedManifests(packages);

// 4. Publish, or show what would be published.
if (!dryRun) {
  const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: root, encoding: "utf8" });
  if (dirty.status === 0 && dirty.stdout.trim() !== "")
    fail("the working tree has uncommitted changes: commit them before releasing");
  say("› changeset publish");
  pnpm(["exec", "changeset", "publish"]);
  say("✔ published; push the tags changeset created (git push --follow-tags)");
} else {
  const report = [];
  for (const { dir, manifest } of packages) {
    const result = spawnSync(pnpmPath(), ["publish", "--dry-run", "--no-git-checks", "--json"], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    if (result.status !== 0)
      fail(`pnpm publish --dry-run failed for ${manifest.name}:\n${result.stderr}${result.stdout}`);
    const summary = JSON.parse(result.stdout);
    const files = summary.files.map((file) => file.path).sort();
    const unexpected = files.filter((file) => !ALLOWED_FILE.test(file));
    const missing = REQUIRED_FILES.filter((file) => !files.includes(file));
    if (!files.some((file) => file.startsWith("dist/"))) missing.push("dist/…");
    if (unexpected.length > 0 || missing.length > 0) {
      const extra = unexpected.length ? ` unexpected ${unexpected.join(", ")};` : "";
      const absent = missing.length ? ` missing ${missing.join(", ")}` : "";
      fail(`${manifest.name} would publish the wrong files:${extra}${absent}`);
    }
    report.push({
      name: summary.name,
      version: summary.version,
      size: summary.size,
      unpackedSize: summary.unpackedSize,
      files,
    });
    say(
      `  ${summary.name}@${summary.version}: ${files.length} files, ` +
        `${(summary.size / 1024).toFixed(1)} kB packed, ` +
        `${(summary.unpackedSize / 1024).toFixed(1)} kB unpacked`,
    );
  }
  if (json) console.log(JSON.stringify(report, null, 2));
  say("✔ dry run: nothing was published");
}
