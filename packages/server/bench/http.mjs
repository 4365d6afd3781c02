#!/usr/bin/env node
// HTTP benchmark of the reference gateway (`pnpm --filter @gatekit/server bench`), not part of
// the test suite. Starts the built CLI on a temporary database and a bare Hono route as the
// baseline, each in its own process, then drives them in turn with autocannon (50 connections,
// a warm-up, then the measured run):
//
//   bare    POST /bare on the baseline server: a fixed JSON answer
//   create  signed POST <base>/v2/payment/create, a unique merchantTradeNo per request
//   query   signed POST <base>/v2/payment/query of payments created beforehand
//
// Every request is signed in this process (fresh timestamp and nonce, as the gateway refuses a
// replayed nonce), so the load generator's hashing shares the machine's cores with the servers.
// Every gateway answer is read: a body whose code is not OK counts as an error.
//
// Options (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 3),
// BENCH_CONNECTIONS (default 50), BENCH_JSON=1 to print the results as JSON too,
// BENCH_LOG_LEVEL (the gateway's --log-level, default warn: one JSON line per request at info),
// BENCH_PROFILE=<dir> to write a CPU profile of the gateway there (node --cpu-prof),
// BENCH_DB_DIR=<dir> for the database's folder (default a new temporary folder; /dev/shm takes
// the disk out of the measurement), BENCH_RUNS=create,query to run only some (for profiling;
// ratios need the bare run).

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import autocannon from "autocannon";

const here = fileURLToPath(new URL(".", import.meta.url));
const cli = join(here, "..", "dist", "cli", "main.mjs");
const duration = Number(process.env.BENCH_DURATION ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const appId = "bench_app";
const appSecret = "bench-secret-0123456789";

if (!existsSync(cli)) {
  console.error(`The gateway is not built: ${cli} is missing. Run \`pnpm turbo run build --filter @gatekit/server\` first.`);
  process.exit(1);
}

const dir = mkdtempSync(join(process.env.BENCH_DB_DIR ?? tmpdir(), "gatekit-bench-"));
const children = [];
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
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
function cannon(title, url, makeRequest, seconds, checkBody) {
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
    autocannon({ title, url, connections, duration: seconds, requests, timeout: 10 }, (error, result) => {
      if (error) reject(error);
      else resolve({ result, bad, firstBad });
    });
  });
}

async function measure(name, pid, url, makeRequest, checkBody) {
  process.stderr.write(`› ${name}: warm-up ${warmup} s, then ${duration} s at ${connections} connections\n`);
  await cannon(name, url, makeRequest, warmup, checkBody);
  let peakSampled = pid ? currentRssMb(pid) : 0;
  const sampler = pid ? setInterval(() => (peakSampled = Math.max(peakSampled, currentRssMb(pid))), 100) : undefined;
  const { result, bad, firstBad } = await cannon(name, url, makeRequest, duration, checkBody);
  clearInterval(sampler);
  if (firstBad) process.stderr.write(`  ${bad} answers were not OK, the first: ${firstBad}\n`);
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    total: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + bad,
    rssPeakDuringRunMb: pid ? peakSampled : undefined,
  };
}

const bare = await start([join(here, "bare.mjs")], (line) => (/^http:\/\/127\.0\.0\.1:\d+$/.test(line) ? line : undefined));
const logLevel = process.env.BENCH_LOG_LEVEL ?? "warn";
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE] : [];
const gateway = await start(
  [...profile, cli, "start", "--port", "0", "--db", join(dir, "bench.db"), "--merchant", `${appId}:${appSecret}`, "--log-level", logLevel],
  (line) => /API base URL\s+(http\S+)/.exec(line)?.[1],
);
const base = gateway.value;
const createUrl = `${base}/v2/payment/create`;
const queryUrl = `${base}/v2/payment/query`;

// Payments for the query run, created once beforehand.
const queried = [];
for (let i = 0; i < 200; i += 1) {
  const body = createBody();
  const response = await fetch(createUrl, { method: "POST", headers: signedHeaders(createUrl, body), body });
  const answer = await response.json();
  if (answer.code !== "OK") throw new Error(`payment/create for the query run failed: ${JSON.stringify(answer)}`);
  queried.push(answer.data.paymentNo);
}

const only = process.env.BENCH_RUNS?.split(",");
const wanted = (name) => !only || only.includes(name);
const results = [];
if (wanted("bare")) results.push(await measure("bare route", bare.child.pid, `${bare.value}/bare`, () => ({ headers: { "content-type": "application/json" }, body: "{}" }), false));
if (wanted("create")) results.push(
  await measure("payment/create", gateway.child.pid, createUrl, () => {
    const body = createBody();
    return { headers: signedHeaders(createUrl, body), body };
  }, true),
);
let q = 0;
if (wanted("query")) results.push(
  await measure("payment/query", gateway.child.pid, queryUrl, () => {
    q = (q + 1) % queried.length;
    const body = JSON.stringify({ paymentNo: queried[q] });
    return { headers: signedHeaders(queryUrl, body), body };
  }, true),
);
const gatewayPeak = peakRssMb(gateway.child.pid);
const barePeak = peakRssMb(bare.child.pid);

const baseline = results.find((r) => r.name === "bare route") ?? { requestsPerSecond: Number.NaN };
const table = results.map((r) => ({
  run: r.name,
  "req/s": Math.round(r.requestsPerSecond),
  "vs bare": `${((r.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(0)}%`,
  "p50 ms": r.p50Ms,
  "p99 ms": r.p99Ms,
  "max ms": r.maxMs,
  requests: r.total,
  errors: r.errors,
  "RSS peak in run MB": r.rssPeakDuringRunMb?.toFixed(1),
}));
console.log(`\nnode ${process.version}, ${connections} connections, ${duration} s per run after a ${warmup} s warm-up, gateway --log-level ${logLevel}`);
console.table(table);
console.log(`peak RSS (VmHWM): gateway ${gatewayPeak.toFixed(1)} MB, bare route ${barePeak.toFixed(1)} MB`);
const create = results.find((r) => r.name === "payment/create") ?? { requestsPerSecond: Number.NaN, p99Ms: Number.NaN };
const query = results.find((r) => r.name === "payment/query") ?? { requestsPerSecond: Number.NaN, p99Ms: Number.NaN };
const targets = [
  ["create ≥ 35% of bare", create.requestsPerSecond >= 0.35 * baseline.requestsPerSecond],
  ["query ≥ 50% of bare", query.requestsPerSecond >= 0.5 * baseline.requestsPerSecond],
  ["p99 < 25 ms (create, query)", create.p99Ms < 25 && query.p99Ms < 25],
  ["gateway peak RSS < 200 MB", gatewayPeak < 200],
  ["no errors", results.every((r) => r.errors === 0)],
];
for (const [what, met] of targets) console.log(`${met ? "✓" : "✗"} ${what}`);
if (process.env.BENCH_JSON) console.log(JSON.stringify({ results, gatewayPeakRssMb: gatewayPeak, bareRssMb: barePeak }, null, 2));

for (const child of children) child.kill("SIGTERM");
await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : undefined)));
process.exit(0);
