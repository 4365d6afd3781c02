// What `npm start` and `npm test` need before they can run anything: the pinned pnpm, the
// workspace's dependencies, and (for the browser tests) a Chromium. A fresh machine has only
// Node and npm, so each step installs what is missing and says what it is doing.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = fileURLToPath(new URL("../", import.meta.url));

const pnpmVersion = JSON.parse(readFileSync(new URL("package.json", `file://${root}`), "utf8")).packageManager.split(
  "@",
)[1];

/** Environment for every child: no telemetry, no update checks. */
export const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  REDOCLY_TELEMETRY: "off",
  DO_NOT_TRACK: "1",
  // better-sqlite3 compiles from source and needs Node's headers; npm passes this to the scripts it
  // runs, so keep it when set and fall back to the headers that ship with a system Node.
  npm_config_nodedir: process.env.npm_config_nodedir ?? (existsSync("/usr/include/node/node.h") ? "/usr" : undefined),
};
if (env.npm_config_nodedir === undefined) delete env.npm_config_nodedir;

/** Runs a command in the repository root with inherited output; exits this process when it fails. */
export function run(command, args, { allowFailure = false, ...options } = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFailure) {
    console.error(`\n✖ ${[command, ...args].join(" ")} exited with ${result.status ?? result.signal}`);
    process.exit(result.status || 1);
  }
  return result;
}

function quiet(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return result.status === 0 ? result.stdout.trim() : null;
}

let pnpmCommand;
/**
 * The pinned pnpm: the one on PATH when it is the right version, otherwise one installed through
 * npm into a private prefix (no global install, no root), which then goes on PATH for every child:
 * turbo runs each task's script through the package manager it finds there.
 */
export function pnpmPath() {
  if (pnpmCommand) return pnpmCommand;
  if (quiet("pnpm", ["--version"]) === pnpmVersion) return (pnpmCommand = "pnpm");
  const bin = join(homedir(), ".cache", "gatekit", `pnpm-${pnpmVersion}`, "bin");
  if (quiet(join(bin, "pnpm"), ["--version"]) !== pnpmVersion) {
    console.log(`› installing pnpm ${pnpmVersion} through npm`);
    run("npm", [
      "install",
      "--global",
      "--prefix",
      dirname(bin),
      "--no-fund",
      "--no-audit",
      "--loglevel=error",
      `pnpm@${pnpmVersion}`,
    ]);
  }
  env.PATH = `${bin}${delimiter}${env.PATH ?? ""}`;
  return (pnpmCommand = join(bin, "pnpm"));
}

/** Runs the pinned pnpm with inherited output (see {@link run}). */
export function pnpm(args, options) {
  return run(pnpmPath(), args, options);
}

/** Runs the pinned pnpm and returns its standard output, or null when it fails. */
export function pnpmOutput(args) {
  return quiet(pnpmPath(), args);
}

/** Installs the workspace's dependencies exactly as the lockfile pins them. */
export function installDependencies() {
  console.log("› installing dependencies");
  pnpm(["install", "--frozen-lockfile", "--reporter=append-only"]);
}

/** Makes sure a Chromium for the browser tests exists, installing Debian's package when possible. */
export function ensureChromium() {
  const paths = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  if (paths.some((path) => path && existsSync(path))) return;
  aptInstall(
    "Chromium",
    ["chromium"],
    "The browser tests need Chromium: install it (sudo apt-get install chromium) or set CHROMIUM_PATH to one.",
  );
}

/**
 * Makes sure a PostgreSQL server can be started for the run (the server's suite runs a second time
 * on it): Debian's `postgresql` package, unless GATEKIT_TEST_POSTGRES_URL names a server to use.
 * The tests start their own throwaway cluster on a free loopback port and stop it afterwards.
 */
export async function ensurePostgres() {
  if (process.env.GATEKIT_TEST_POSTGRES_URL) return;
  // The tests' own lookup (it needs the installed dependencies, so it is loaded only now).
  const { postgresBinDir } = await import("../packages/testing/src/postgres.mjs");
  try {
    postgresBinDir();
    return;
  } catch {
    // Not installed: install it below.
  }
  aptInstall(
    "PostgreSQL",
    ["postgresql"],
    "The server's suite also runs on PostgreSQL: install it (sudo apt-get install postgresql) " +
      "or set GATEKIT_TEST_POSTGRES_URL to a server the tests may create schemas on.",
  );
}

let aptUpdated = false;

// Installs Debian packages as root, or through passwordless sudo; exits with `help` when it cannot.
function aptInstall(what, packages, help) {
  console.log(`› installing ${what} from Debian's packages`);
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const aptEnv = { env: { ...env, DEBIAN_FRONTEND: "noninteractive" }, allowFailure: true };
  const apt = (args) =>
    run(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), ...args], aptEnv);
  const updated = aptUpdated || (existsSync("/usr/bin/apt-get") && apt(["update", "-qq"]).status === 0);
  aptUpdated ||= updated;
  const ok = updated && apt(["install", "-y", "-qq", "--no-install-recommends", ...packages]).status === 0;
  if (!ok) {
    console.error(help);
    process.exit(1);
  }
}
