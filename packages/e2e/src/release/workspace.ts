// What the release tests share: where the workspace is, which packages are published, and a way to
// run commands (pnpm, npm, tsc, node) with their output kept for the assertion messages.

import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root: string = fileURLToPath(new URL("../../../../", import.meta.url));

/** The packages that are published, by directory: every one, in dependency order. */
export const PUBLISHED = ["types", "signature", "client", "webhooks", "server"] as const;
export type PublishedName = (typeof PUBLISHED)[number];

/** A conditional exports map, as package.json holds it. */
export type ExportsValue = string | null | { readonly [condition: string]: ExportsValue };

/** The parts of a package.json the release tests read. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly description?: string;
  readonly keywords?: readonly string[];
  readonly homepage?: string;
  readonly bugs?: { readonly url: string };
  readonly repository?: { readonly type: string; readonly url: string; readonly directory: string };
  readonly license?: string;
  readonly author?: string;
  readonly type?: string;
  readonly sideEffects?: boolean | readonly string[];
  readonly engines?: Readonly<Record<string, string>>;
  readonly main?: string;
  readonly module?: string;
  readonly types?: string;
  readonly typesVersions?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, ExportsValue>>;
  readonly files?: readonly string[];
  readonly scripts?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly publishConfig?: {
    readonly access?: string;
    readonly exports?: Readonly<Record<string, ExportsValue>>;
    readonly bin?: Readonly<Record<string, string>>;
  };
}

export const packageDir = (name: string): string => join(root, "packages", name);

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** Every workspace package (packages/* and apps/*), by directory relative to the root. */
export function workspacePackages(): { dir: string; manifest: Manifest }[] {
  const found: { dir: string; manifest: Manifest }[] = [];
  for (const group of ["packages", "apps"]) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const dir = join(group, entry.name);
      if (entry.isDirectory() && existsSync(join(root, dir, "package.json")))
        found.push({ dir, manifest: readManifest(join(root, dir)) });
    }
  }
  return found;
}

/** `exports` with every `@gatekit/source` branch removed: what the published package must export. */
export function withoutSourceCondition(value: ExportsValue): ExportsValue {
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([condition]) => condition !== "@gatekit/source")
      .map(([condition, target]) => [condition, withoutSourceCondition(target)]),
  );
}

/** Every file path an exports map can resolve to. */
export function exportTargets(value: ExportsValue | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return [value];
  return Object.values(value).flatMap(exportTargets);
}

/** Every declaration file `typesVersions` maps a subpath to. */
export function typesVersionsTargets(manifest: Manifest): string[] {
  return Object.values(manifest.typesVersions ?? {}).flatMap((paths) => Object.values(paths).flat());
}

/** The output of a finished command. */
export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command after this long (default 5 minutes). */
  readonly timeoutMs?: number;
}

/** Runs a command to its end without a shell; never throws for a non-zero exit (check `code`). */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => void (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => void (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Throws with the command's output when it did not exit with 0. */
export function expectSuccess(result: RunResult, what: string): RunResult {
  if (result.code !== 0) {
    throw new Error(`${what} exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  }
  return result;
}

/** The workspace's TypeScript compiler, run with the current Node. */
export const TSC: string = join(root, "node_modules", "typescript", "bin", "tsc");

/** The built files a package's published manifest points at that are missing (empty when built). */
export function missingBuildOutputs(name: PublishedName): string[] {
  const dir = packageDir(name);
  const manifest = readManifest(dir);
  const targets = [
    ...exportTargets(manifest.publishConfig?.exports),
    ...Object.values(manifest.bin ?? {}),
    ...typesVersionsTargets(manifest),
    ...[manifest.main, manifest.module, manifest.types].filter((file): file is string => file !== undefined),
  ];
  return [...new Set(targets)].filter((file) => file !== "./package.json" && !existsSync(join(dir, file)));
}

/** Fails early, and says what to do, when the packages have not been built. */
export function requireBuild(): void {
  const missing = PUBLISHED.flatMap((name) =>
    missingBuildOutputs(name).map((file) => `packages/${name}/${file.replace(/^\.\//, "")}`),
  );
  if (missing.length > 0) {
    throw new Error(`The release tests need the packages built (pnpm build); missing:\n  ${missing.join("\n  ")}`);
  }
}
