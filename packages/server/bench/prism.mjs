// Prism (@stoplight/prism-cli), the generic mock server a team would point at spec/openapi.yaml
// instead of running the reference gateway, as a peer in the HTTP benchmark. It is large (some
// 190 packages), so it is not a dependency of the workspace: the bench installs one pinned version
// on demand into a cache folder with npm and reuses it. When it cannot be installed or started,
// the bench prints why and goes on without its row.
//
// Pinned to 5.14.2, the last release that runs on Node 20 (5.15 and later need Node 24).
// BENCH_PRISM_DIR=<dir> moves the cache (default ~/.cache/gatekit/prism-cli-<version>).

import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";

export const PRISM_VERSION = "5.14.2";

/** npm's environment: nothing inherited from pnpm's npm_* variables (its settings are not npm's). */
function npmEnv() {
  const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig"]);
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_") || keep.has(key)),
  );
}

/** Runs a command to its end; resolves with its exit code and the tail of its output. */
function run(command, args, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: npmEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const keep = (chunk) => void (output = (output + chunk.toString("utf8")).slice(-2000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: error.message });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? `${signal} after ${timeoutMs / 1000} s` : code, output: output.trim() });
    });
  });
}

/**
 * The pinned Prism's CLI script, installed into the cache folder first if it is not there.
 * Resolves with `{ entry }`, or with `{ skipped }` saying why there is none.
 */
export async function installPrism() {
  const dir = process.env.BENCH_PRISM_DIR ?? join(homedir(), ".cache", "gatekit", `prism-cli-${PRISM_VERSION}`);
  const manifestPath = join(dir, "node_modules", "@stoplight", "prism-cli", "package.json");
  const installed = () => {
    if (!existsSync(manifestPath)) return undefined;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    return manifest.version === PRISM_VERSION
      ? join(dir, "node_modules", "@stoplight", "prism-cli", manifest.bin.prism)
      : undefined;
  };
  const cached = installed();
  if (cached) return { entry: cached };
  process.stderr.write(`› installing @stoplight/prism-cli@${PRISM_VERSION} into ${dir} (once)\n`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    return { skipped: `cannot create the cache folder ${dir}: ${error.message}` };
  }
  const npm = await run(
    "npm",
    [
      "install",
      "--prefix",
      dir,
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      "--save-exact",
      `@stoplight/prism-cli@${PRISM_VERSION}`,
    ],
    300_000,
  );
  if (npm.code !== 0) {
    // npm's last line points at its debug log; the reason is in the lines before it.
    const reason = npm.output
      .split("\n")
      .filter((line) => line.trim() !== "" && !line.includes("A complete log of this run"))
      .slice(0, 2)
      .join(" / ");
    return { skipped: `npm install @stoplight/prism-cli@${PRISM_VERSION} failed (${npm.code}): ${reason}` };
  }
  const entry = installed();
  return entry ? { entry } : { skipped: `npm installed nothing at ${manifestPath}` };
}

/** A port that was free a moment ago (Prism takes a port number, not 0). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock <spec>` on loopback with per-request logging off (--verboseLevel warn: the
 * request and response lines are info) and waits until it answers `probe`. Resolves with
 * `{ child, origin, lines }` (`lines()`: how many lines it has printed), or `{ skipped }`.
 */
export async function startPrism(entry, spec, probe, register) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    entry,
    "mock",
    spec,
    "--host",
    "127.0.0.1",
    "--port",
    String(port),
    "--errors=false",
    "--verboseLevel",
    "warn",
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  register(child);
  let output = "";
  let lines = 0;
  const onData = (chunk) => {
    const text = chunk.toString("utf8");
    lines += text.split("\n").length - 1;
    output = (output + text).slice(-2000);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      return {
        skipped: `prism mock exited with ${child.exitCode} before it answered: ${output.trim().split("\n").at(-1)}`,
      };
    try {
      const response = await fetch(`${origin}${probe.path}`, {
        method: "POST",
        headers: probe.headers,
        body: probe.body,
      });
      const answer = await response.text();
      if (response.status === 200 && answer.startsWith('{"code":"OK"')) return { child, origin, lines: () => lines };
      child.kill("SIGKILL");
      return { skipped: `prism mock answered ${probe.path} with ${response.status}: ${answer.slice(0, 200)}` };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill("SIGKILL");
  return { skipped: `prism mock did not answer within 60 s: ${output.trim().split("\n").at(-1) ?? "no output"}` };
}

/** `pid` and every process below it (Prism may fork its server with --multiprocess). */
function processTree(pid) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in parentheses may hold spaces; the parent pid is the second field after it.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // The process ended while the list was read.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1)
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** The highest resident set size (VmHWM) of `pid`'s process tree, in MB: each process's peak, summed. */
export function treePeakRssMb(pid) {
  let kb = 0;
  for (const each of processTree(pid)) {
    try {
      kb += Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${each}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // Ended meanwhile: its memory is no longer part of the tree.
    }
  }
  return kb / 1024;
}
