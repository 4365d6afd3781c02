// A throwaway PostgreSQL server for one test run: a fresh cluster in a temporary folder, listening
// on a free loopback port only, stopped and deleted afterwards. The test command installs Debian's
// `postgresql` package when it is missing; GATEKIT_TEST_POSTGRES_URL points the tests at a server
// of one's own instead.

import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** Where Debian installs the server's programs; the newest major version wins. */
export function postgresBinDir() {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((entry) => existsSync(join(root, entry, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      "No PostgreSQL server found under /usr/lib/postgresql. Install it (apt-get install postgresql) " +
        "or set GATEKIT_TEST_POSTGRES_URL to a server the tests may create schemas on.",
    );
  }
  return join(root, versions[0], "bin");
}

/** Starts a fresh server (or returns the one GATEKIT_TEST_POSTGRES_URL names); see postgres.d.mts. */
export async function startPostgres(options = {}) {
  const given = process.env.GATEKIT_TEST_POSTGRES_URL;
  if (given) {
    return {
      url: given,
      restart: async () => {
        throw new Error(
          "Cannot restart the server GATEKIT_TEST_POSTGRES_URL names: " +
            "a test that restarts PostgreSQL needs a server of its own; unset it.",
        );
      },
      stop: async () => undefined,
    };
  }

  const bin = postgresBinDir();
  const folder = mkdtempSync(join(tmpdir(), "gatekit-postgres-"));
  const data = join(folder, "data");
  // PostgreSQL refuses to run as root; as root, the cluster belongs to the `postgres` user the
  // Debian package creates.
  const owner = process.getuid?.() === 0 ? systemUser("postgres") : undefined;
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const as = owner ? { uid: owner.uid, gid: owner.gid } : {};

  const init = spawnSync(
    join(bin, "initdb"),
    ["-D", data, "-U", "gatekit", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
    {
      ...as,
      encoding: "utf8",
    },
  );
  if (init.status !== 0) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }

  const port = await freePort();
  // Durability is not what the tests check, so by default the throwaway cluster skips fsync. No
  // Unix socket: nothing but loopback TCP reaches it.
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: "",
    max_connections: "400",
    shared_buffers: "128MB",
    ...(options.durable ? {} : { fsync: "off", full_page_writes: "off" }),
    ...options.settings,
  };
  const args = [
    "-D",
    data,
    "-p",
    String(port),
    ...Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
  ];
  const url = `postgres://gatekit@127.0.0.1:${port}/postgres`;
  let server;
  async function launch() {
    server = spawn(join(bin, "postgres"), args, { ...as, stdio: ["ignore", "ignore", "pipe"] });
    let log = "";
    server.stderr?.on("data", (chunk) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    await waitUntilReady(url, server, () => log);
  }
  try {
    await launch();
  } catch (error) {
    await stopServer(server);
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async restart(whileDown) {
      await stopServer(server);
      await whileDown?.();
      await launch();
    },
    async stop() {
      await stopServer(server);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

function systemUser(name) {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line)
    throw new Error(
      `Running as root, but there is no "${name}" user to run PostgreSQL as. ` +
        `Install Debian's postgresql package, which creates it.`,
    );
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, server, log) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited at start (${server.exitCode}): ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`PostgreSQL did not accept connections within 30 s: ${error.message}\n${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), 10_000);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    // SIGINT is PostgreSQL's fast shutdown: it ends sessions and stops without waiting for clients.
    server.kill("SIGINT");
  });
}
