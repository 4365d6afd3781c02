#!/usr/bin/env node
// HTTP benchmark of the reference gateway (`pnpm --filter @gatekit/server bench`), not part of
// the test suite. Starts a bare Hono route as the baseline and the built CLI on each backend in
// turn, each in its own process, then drives them with autocannon (50 connections, a warm-up,
// then the measured run):
//
//   bare    POST /bare on the baseline server: a fixed JSON answer
//   prism   the peer: Prism (`prism mock spec/openapi.yaml`, per-request logging off) answering
//           POST /v2/payment/create with the same signed request bodies (see prism.mjs; it is
//           installed on demand, and when it cannot be installed or started its row is skipped)
//   create  signed POST <base>/v2/payment/create, a unique merchantTradeNo per request
//   query   signed POST <base>/v2/payment/query of payments created beforehand
//
// Backends: `sqlite` (the embedded default, a file in a temporary folder), `postgres` (one
// instance) and `postgres×2` (two instances on the same database, the 50 connections split
// between them; requests/s are summed, p99 is the worse of the two). PostgreSQL is a throwaway
// cluster on loopback with fsync on and synchronous_commit off, the counterpart of the SQLite
// store's WAL with synchronous=NORMAL: a crash of the database server can lose the last commits
// but never corrupts; BENCH_POSTGRES_URL uses a server of one's own instead.
//
// Every request is signed in this process with a fresh timestamp and nonce (the gateway refuses a
// replayed nonce). They are signed ahead of each run (BENCH_PRESIGN_RATE requests per second of
// the run, default 30000, shared by the run's processes; beyond that, on the fly) so that the
// load generator's hashing, which the bare route's run does not have, does not take CPU from the
// servers during the measurement on a machine with few cores.
// Every gateway answer is read: a body whose code is not OK counts as an error.
//
// Peak RSS is each process's VmHWM (Prism's: of its process tree) at the end of its runs. Ratios
// against the bare route and against Prism are printed at the end, from the same run.
//
// Options (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 3),
// BENCH_CONNECTIONS (default 50), BENCH_JSON=1 to print the results as JSON too,
// BENCH_LOG_LEVEL (the gateway's --log-level, default warn: one JSON line per request at info),
// BENCH_PROFILE=<dir> to write a CPU profile of the gateway there (node --cpu-prof),
// BENCH_DB_DIR=<dir> for the database's folder (default a new temporary folder; /dev/shm takes
// the disk out of the measurement), BENCH_RUNS=create,query to run only some (for profiling;
// ratios need the bare and prism runs), BENCH_BACKENDS=sqlite,postgres,postgres×2 to bench only some.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import { startPostgres } from "@gatekit/testing/postgres";
import autocannon from "autocannon";
import { installPrism, PRISM_VERSION, startPrism, treePeakRssMb } from "./prism.mjs";
import { printReport } from "./report.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const cli = join(here, "..", "dist", "cli", "main.mjs");
const duration = Number(process.env.BENCH_DURATION ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const appId = "bench_app";
const appSecret = "bench-secret-0123456789";

if (!existsSync(cli)) {
  console.error(
    `The gateway is not built: ${cli} is missing. Run \`pnpm turbo run build --filter @gatekit/server\` first.`,
  );
  process.exit(1);
}

/** Whether a child has not exited yet (one ended by a signal has a signalCode and no exitCode). */
const running = (child) => child.exitCode === null && child.signalCode === null;

const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), "gatekit-bench-"));
const children = [];
process.on("exit", () => {
  for (const child of children) if (running(child)) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a node process and resolves with the first line of its output that `match` accepts. */
function start(args, match) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`${args.join(" ")} did not start within 30 s`)), 30_000);
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code} before it was ready`)));
    lines.on("line", (line) => {
      const found = match(line);
      if (found) {
        clearTimeout(timer);
        resolve({ child, value: found });
      }
    });
  });
}

/** Highest resident set size of a process so far (VmHWM), in MB. */
function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function currentRssMb(pid) {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN);
  return kb / 1024;
}

function signedHeaders(url, body) {
  const timestamp = createTimestamp();
  const nonce = createNonce();
  const sign = signSync({ appId, appSecret, method: "POST", url, timestamp, nonce, body });
  return {
    "content-type": "application/json",
    accept: "application/json",
    "user-agent": "gatekit-bench/1",
    authorization: formatAuthorization({ appId, sign, timestamp, nonce }),
  };
}

let tradeSeq = 0;
const runId = Date.now().toString(36);
function createBody() {
  tradeSeq += 1;
  return JSON.stringify({
    merchantTradeNo: `B-${runId}-${tradeSeq}`,
    amount: "100.05",
    currency: "INR",
    description: "Benchmark order",
    payer: { userId: "bench-user", name: "Bench Payer", email: "bench@example.com", phone: "+919812345678" },
    payMethod: { type: "UPI" },
    notifyUrl: "http://127.0.0.1:9/notify",
    returnUrl: "http://127.0.0.1:9/return",
  });
}

/** Runs autocannon once; counts answers whose envelope code is not OK when `checkBody`. */
function cannon(title, url, makeRequest, seconds, checkBody, clients = connections) {
  let bad = 0;
  let firstBad;
  const requests = [
    {
      method: "POST",
      setupRequest: (request) => ({ ...request, ...makeRequest() }),
      ...(checkBody
        ? {
            onResponse: (status, body) => {
              if (status !== 200 || !body.startsWith('{"code":"OK"')) {
                bad += 1;
                firstBad ??= `${status} ${body.slice(0, 200)}`;
              }
            },
          }
        : {}),
    },
  ];
  return new Promise((resolve, reject) => {
    autocannon({ title, url, connections: clients, duration: seconds, requests, timeout: 10 }, (error, result) => {
      if (error) reject(error);
      else resolve({ result, bad, firstBad });
    });
  });
}

const presignRate = Number(process.env.BENCH_PRESIGN_RATE ?? 30_000);

/** `makeRequest`'s next `count` results made now, then made on the fly once those run out. */
function ahead(makeRequest, count) {
  const made = Array.from({ length: count }, makeRequest);
  let next = 0;
  return () => (next < made.length ? made[next++] : makeRequest());
}

/**
 * Warms up, then measures: `targets` are the instances ({ pid, url, makeRequest, presign }) sharing
 * the connections; requests/s add up, latencies are the worst instance's.
 */
async function measure(name, targets, checkBody) {
  const share = Math.max(1, Math.floor(connections / targets.length));
  const prepared = (t, seconds) =>
    t.presign ? ahead(t.makeRequest, Math.ceil((presignRate * seconds) / targets.length)) : t.makeRequest;
  process.stderr.write(
    `› ${name}: warm-up ${warmup} s, then ${duration} s at ${connections} connections over ` +
      `${targets.length} process(es)\n`,
  );
  await Promise.all(targets.map((t) => cannon(name, t.url, prepared(t, warmup), warmup, checkBody, share)));
  const requests = targets.map((t) => prepared(t, duration));
  let peakSampled = Math.max(...targets.map((t) => currentRssMb(t.pid)));
  const sampler = setInterval(
    () => (peakSampled = Math.max(peakSampled, ...targets.map((t) => currentRssMb(t.pid)))),
    100,
  );
  const runs = await Promise.all(
    targets.map((t, index) => cannon(name, t.url, requests[index], duration, checkBody, share)),
  );
  clearInterval(sampler);
  for (const { bad, firstBad } of runs)
    if (firstBad) process.stderr.write(`  ${bad} answers were not OK, the first: ${firstBad}\n`);
  const sum = (pick) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    name,
    requestsPerSecond: sum((run) => run.result.requests.average),
    p50Ms: Math.max(...runs.map((run) => run.result.latency.p50)),
    p99Ms: Math.max(...runs.map((run) => run.result.latency.p99)),
    maxMs: Math.max(...runs.map((run) => run.result.latency.max)),
    total: sum((run) => run.result.requests.total),
    errors: sum((run) => run.result.errors + run.result.timeouts + run.result.non2xx + run.bad),
    rssPeakDuringRunMb: peakSampled,
  };
}
const logLevel = process.env.BENCH_LOG_LEVEL ?? "warn";
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
const only = process.env.BENCH_RUNS?.split(",");
const wanted = (name) => !only || only.includes(name);
const backends = process.env.BENCH_BACKENDS?.split(",") ?? ["sqlite", "postgres", "postgres×2"];

async function startGateway(db) {
  const gateway = await start(
    [
      ...profile,
      cli,
      "start",
      "--port",
      "0",
      "--db",
      db,
      "--merchant",
      `${appId}:${appSecret}`,
      "--log-level",
      logLevel,
    ],
    (line) => /API base URL\s+(http\S+)/.exec(line)?.[1],
  );
  return { child: gateway.child, base: gateway.value };
}

async function stopGateways(gateways) {
  for (const { child } of gateways) child.kill("SIGTERM");
  await Promise.all(
    gateways.map(({ child }) => (running(child) ? new Promise((resolve) => child.once("exit", resolve)) : undefined)),
  );
}

/** Benches create and query on `instances` gateways over `db`; returns the results and the peak RSS. */
async function benchBackend(label, db, instances) {
  const gateways = [];
  for (let i = 0; i < instances; i += 1) gateways.push(await startGateway(db));
  // Payments for the query run, created once beforehand.
  const queried = [];
  const firstCreate = `${gateways[0].base}/v2/payment/create`;
  for (let i = 0; i < 200; i += 1) {
    const body = createBody();
    const response = await fetch(firstCreate, { method: "POST", headers: signedHeaders(firstCreate, body), body });
    const answer = await response.json();
    if (answer.code !== "OK") throw new Error(`payment/create for the query run failed: ${JSON.stringify(answer)}`);
    queried.push(answer.data.paymentNo);
  }
  const results = [];
  if (wanted("create")) {
    const targets = gateways.map(({ child, base }) => {
      const url = `${base}/v2/payment/create`;
      return {
        pid: child.pid,
        url,
        presign: true,
        makeRequest: () => {
          const body = createBody();
          return { headers: signedHeaders(url, body), body };
        },
      };
    });
    results.push({
      backend: label,
      ...(await measure(`${label} payment/create`, targets, true)),
      run: "payment/create",
    });
  }
  if (wanted("query")) {
    let q = 0;
    const targets = gateways.map(({ child, base }) => {
      const url = `${base}/v2/payment/query`;
      return {
        pid: child.pid,
        url,
        presign: true,
        makeRequest: () => {
          q = (q + 1) % queried.length;
          const body = JSON.stringify({ paymentNo: queried[q] });
          return { headers: signedHeaders(url, body), body };
        },
      };
    });
    results.push({ backend: label, ...(await measure(`${label} payment/query`, targets, true)), run: "payment/query" });
  }
  const peak = Math.max(...gateways.map(({ child }) => peakRssMb(child.pid)));
  await stopGateways(gateways);
  return { results, peak };
}

/** Benches Prism's mock of payment/create with the gateway's own request bodies; `{ skipped }` when it cannot run. */
async function benchPrism() {
  const installed = await installPrism();
  if (installed.skipped) return installed;
  const path = "/v2/payment/create";
  const request = (url) => {
    const body = createBody();
    return { headers: signedHeaders(url, body), body };
  };
  const spec = join(here, "..", "..", "..", "spec", "openapi.yaml");
  const prism = await startPrism(installed.entry, spec, { path, ...request(`http://127.0.0.1${path}`) }, (child) =>
    children.push(child),
  );
  if (prism.skipped) return prism;
  const url = `${prism.origin}${path}`;
  const printedBefore = prism.lines();
  const result = await measure(
    `Prism ${PRISM_VERSION} payment/create`,
    [{ pid: prism.child.pid, url, presign: true, makeRequest: () => request(url) }],
    true,
  );
  const printed = prism.lines() - printedBefore;
  if (printed > 0) process.stderr.write(`  Prism printed ${printed} lines during its runs\n`);
  const peak = treePeakRssMb(prism.child.pid);
  await stopGateways([prism]);
  return { result, peak };
}

const bare = await start([join(here, "bare.mjs")], (line) =>
  /^http:\/\/127\.0\.0\.1:\d+$/.test(line) ? line : undefined,
);
const results = [];
if (wanted("bare")) {
  const target = {
    pid: bare.child.pid,
    url: `${bare.value}/bare`,
    makeRequest: () => ({ headers: { "content-type": "application/json" }, body: "{}" }),
  };
  results.push({ backend: "-", ...(await measure("bare route", [target], false)), run: "bare route" });
}
let prismPeak;
let prismSkipped;
if (wanted("prism")) {
  const outcome = await benchPrism();
  if (outcome.skipped) {
    prismSkipped = outcome.skipped;
    process.stderr.write(`› Prism skipped: ${prismSkipped}\n`);
  } else {
    results.push({ backend: `prism ${PRISM_VERSION}`, ...outcome.result, run: "payment/create" });
    prismPeak = outcome.peak;
  }
}
const peaks = {};
let postgres;
for (const backend of backends) {
  let db;
  if (backend === "sqlite") db = join(dir, "bench.db");
  else {
    if (!postgres) {
      postgres = process.env.BENCH_POSTGRES_URL
        ? { url: process.env.BENCH_POSTGRES_URL, stop: async () => undefined }
        : await startPostgres({ durable: true, settings: { synchronous_commit: "off" } });
    }
    const url = new URL(postgres.url);
    url.searchParams.set("options", `-c search_path=bench_${runId}_${backend === "postgres" ? "one" : "two"}`);
    db = url.toString();
  }
  const { results: measured, peak } = await benchBackend(backend, db, backend === "postgres×2" ? 2 : 1);
  results.push(...measured);
  peaks[backend] = peak;
}
const barePeak = peakRssMb(bare.child.pid);
await postgres?.stop();

printReport({
  results,
  peaks,
  barePeak,
  prism: wanted("prism") ? { peak: prismPeak, skipped: prismSkipped } : undefined,
  setting:
    `node ${process.version}, ${connections} connections, ${duration} s per run ` +
    `after a ${warmup} s warm-up, gateway --log-level ${logLevel}`,
});

for (const child of children) if (running(child)) child.kill("SIGTERM");
await Promise.all(
  children.map((child) => (running(child) ? new Promise((resolve) => child.once("exit", resolve)) : undefined)),
);
process.exit(0);
