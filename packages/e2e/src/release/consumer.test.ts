// The consumer check: what ships, used the way other services use it. Every public package is
// packed with `pnpm pack` (as `pnpm publish` would pack it) and the tarballs are installed with
// npm into three fresh projects in the system's temporary directory, outside the workspace:
//
// - esm: `"type": "module"`, TypeScript with `module`/`moduleResolution: node16`, strict, and the
//   declarations themselves checked (`skipLibCheck: false`). It also installs @gatekit/server
//   (whose better-sqlite3 compiles from source, the slow part) and runs its `gatekit-gateway`
//   CLI as the reference gateway the three projects call.
// - cjs: `"type": "commonjs"`: TypeScript compiled to `require()` calls (types from the .d.cts
//   files), and a plain script that `require`s every package and signs the known-answer vectors.
//   A program importing every entry and subpath of its packages also compiles there with
//   `moduleResolution: node10`, which ignores `exports` (older TypeScript setups).
// - bundler: TypeScript with `moduleResolution: bundler` and no Node types (a browser or edge
//   app), bundled by rolldown for the browser platform, so the universal Web Crypto builds run.
//
// In each, a correct program compiles and a deliberately wrong one fails to compile with exactly
// the expected errors (so the types resolve, and are not `any`); then each program makes a signed
// payments.create + payments.query against the gateway through the installed @gatekit/client and
// verifies a notification with the installed @gatekit/webhooks. The client README's example runs
// there too, verbatim. Timings are printed at the end.

import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rolldown } from "rolldown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectSuccess,
  packageDir,
  PUBLISHED,
  type PublishedName,
  readManifest,
  requireBuild,
  root,
  run,
  type RunResult,
  TSC,
} from "./workspace.js";

const timings: [string, number][] = [];
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings.push([label, Date.now() - started]);
  }
}

const work = mkdtempSync(join(tmpdir(), "gatekit-consumer-"));
const tarballs: Partial<Record<PublishedName, string>> = {};
const appId = `consumer-${randomBytes(6).toString("hex")}`;
const appSecret = randomBytes(16).toString("hex");
let gateway: ChildProcess | undefined;
let baseUrl = "";

/** npm's environment: nothing inherited from pnpm or vitest's npm_* variables, Node's headers for better-sqlite3. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_registry", "npm_config_userconfig", "npm_config_nodedir"]);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith("npm_") || keep.has(key)),
  );
  if (env["npm_config_nodedir"] === undefined && existsSync("/usr/include/node/node.h"))
    env["npm_config_nodedir"] = "/usr";
  return env;
}

const catalogVersion = (name: string): string => {
  const yaml = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  const found = new RegExp(`^\\s+'?${name.replace(/[/@]/g, "\\$&")}'?:\\s*(\\S+)\\s*$`, "m").exec(yaml)?.[1];
  if (!found) throw new Error(`${name} is not in the catalog`);
  return found;
};

// ---------------------------------------------------------------------------------------------
// The projects' files.

const ORDER = `{
  merchantTradeNo: \`ORD-\${Date.now()}-\${Math.random().toString(16).slice(2, 8)}\`,
  amount: "100.05",
  currency: "INR",
  description: "Consumer check",
  payer: { userId: "u-1", name: "Asha Verma", email: "asha@example.com", phone: "+919812345678" },
  payMethod: { type: "UPI" },
  notifyUrl: "https://shop.example.com/gateway/notify",
  returnUrl: "https://shop.example.com/checkout/return",
}`;

/** The shared flow, written once; each project imports its packages its own way. */
const FLOW =
  `
export async function flow(config: { baseUrl: string; appId: string; appSecret: string }, label: string) {
  const { baseUrl, appId, appSecret } = config;
  const gateway = createGatewayClient({ baseUrl, appId, appSecret, allowInsecureLoopback: true, ` +
  `appInfo: { name: label } });
  const order: PaymentCreateRequest = ${ORDER};
  const created: PaymentCreateData = await gateway.payments.create(order);
  const queried: PaymentQueryData = await gateway.payments.query({ paymentNo: created.paymentNo });

  let notFound = "";
  try {
    await gateway.payments.query({ merchantTradeNo: "ORD-THAT-DOES-NOT-EXIST" });
  } catch (error) {
    if (!isGatewayError(error)) throw error;
    notFound = error.code ?? "";
  }

  const notifyUrl = "https://shop.example.com/gateway/notify";
  const delivery = await signNotification({ notifyUrl, appId, appSecret, data: queried });
  const notification = await verifyNotification({ body: delivery.body, authorization: delivery.authorization, ` +
  `notifyUrl, appId, appSecret });
  let tampered = "";
  try {
    await verifyNotification({ body: delivery.body.replace('"100.05"', '"999.05"'), ` +
  `authorization: delivery.authorization, notifyUrl, appId, appSecret });
  } catch (error) {
    if (!isWebhookVerificationError(error)) throw error;
    tampered = error.reason;
  }

  return {
    created: { status: created.status, paymentNo: created.paymentNo, merchantTradeNo: created.merchantTradeNo },
    queried: { status: queried.status, paymentNo: queried.paymentNo, amount: queried.amount },
    notFound,
    notification: notification.kind === "payment" ` +
  `? { kind: notification.kind, paymentNo: notification.data.paymentNo } : { kind: notification.kind },
    tampered,
    minorUnits: toMinorUnits(queried.amount).toString(),
    ack: ACK,
  };
}
`;

const FLOW_IMPORTS = `import { createGatewayClient, isGatewayError } from "@gatekit/client";
import { ACK, isWebhookVerificationError, signNotification, verifyNotification } from "@gatekit/webhooks";
import { type PaymentCreateData, type PaymentCreateRequest, type PaymentQueryData, toMinorUnits } from "@gatekit/types";
`;

const ENV_CONFIG = `function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(\`\${name} is not set\`);
  return value;
}
const config = { baseUrl: env("GATEWAY_BASE_URL"), appId: env("GATEWAY_APP_ID"), appSecret: env("GATEWAY_APP_SECRET") };
`;

/** A program that must not compile: each marked line must fail with the code it names, and nothing else. */
const WRONG = `import type { PaymentCreateRequest } from "@gatekit/types";
import { createGatewayClient } from "@gatekit/client";

export const order: PaymentCreateRequest = {
  merchantTradeNo: "ORD-1",
  amount: 100, // expect-error TS2322: amounts are decimal strings
  currency: "INR",
  description: "Wrong",
  payer: { userId: "u-1", name: "Asha Verma", email: "asha@example.com", phone: "+919812345678" },
  payMethod: { type: "UPI" },
  notifyUrl: "https://shop.example.com/gateway/notify",
  returnUrl: "https://shop.example.com/checkout/return",
};

export async function wrongResult(): Promise<number> {
  const gateway = createGatewayClient({ baseUrl: "https://gateway.example.com/pg", appId: "a", appSecret: "s" });
  const payment = await gateway.payments.query({ paymentNo: "P1" });
  const status: number = payment.status; // expect-error TS2322: the status is a string union
  return status;
}
`;

const ESM_MAIN =
  `${FLOW_IMPORTS}import { signSync } from "@gatekit/signature/node";
import { createGateway } from "@gatekit/server";
${FLOW}
${ENV_CONFIG}
// The server's library entry in process too (its native SQLite binding loads from the install).
const local = createGateway({ logger: false, deliverNotifications: false, sweepIntervalMs: null });
await local.ready;
await local.close();
const sign = signSync({ appId: "a", appSecret: "s", url: "https://x.example/pg", timestamp: "1", nonce: "n", ` +
  `body: "{}" });
console.log(JSON.stringify({ ...(await flow(config, "consumer-esm")), inProcessGateway: true, ` +
  `signSyncLength: sign.length }));
`;

/** The server's CommonJS entry, required from a .cjs file of the esm project (where the server is installed). */
const SERVER_REQUIRE = `"use strict";
const { createGateway } = require("@gatekit/server");
const gateway = createGateway({ logger: false, deliverNotifications: false, sweepIntervalMs: null });
gateway.ready
  .then(async () => {
    const merchants = await gateway.merchants();
    await gateway.close();
    console.log(JSON.stringify({ merchants: merchants.length }));
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
`;

const CJS_MAIN =
  `${FLOW_IMPORTS}${FLOW}
${ENV_CONFIG}
flow(config, "consumer-cjs").then(
  (result) => console.log(JSON.stringify({ ...result, ` +
  `moduleSystem: typeof require === "function" && typeof module === "object" ? "commonjs" : "esm" })),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
`;

/** Plain require() of every package; signs the known-answer vectors with the installed signature. */
const CJS_PLAIN =
  `"use strict";
const { readFileSync } = require("node:fs");
const signature = require("@gatekit/signature");
const { signSync } = require("@gatekit/signature/node");
const client = require("@gatekit/client");
const webhooks = require("@gatekit/webhooks");
const { createNodeHandler } = require("@gatekit/webhooks/node");
const types = require("@gatekit/types");

(async () => {
  const { vectors } = JSON.parse(readFileSync(__dirname + "/signature-vectors.json", "utf8"));
  const results = [];
  for (const v of vectors) {
    const body = v.body !== undefined ? v.body : new Uint8Array(Buffer.from(v.bodyBase64, "base64"));
    const input = { appId: v.appId, appSecret: v.appSecret, method: v.method, url: v.url, ` +
  `timestamp: v.timestamp, nonce: v.nonce, body };
    const sign = await signature.sign(input);
    results.push({
      name: v.name,
      sign: sign === v.sign,
      signSync: signSync(input) === v.sign,
      verify: await signature.verify({ ...input, sign: v.sign }),
      authorization: signature.formatAuthorization(` +
  `{ appId: v.appId, sign, timestamp: v.timestamp, nonce: v.nonce }) === v.authorization,
    });
  }
  console.log(JSON.stringify({
    vectors: results,
    client: typeof client.createGatewayClient === "function" && typeof client.GatewayError === "function",
    webhooks: typeof webhooks.verifyNotification === "function" && ` +
  `typeof createNodeHandler === "function" && webhooks.ACK,
    minorUnits: String(types.toMinorUnits("123.45")),
  }));
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

/**
 * Imports every entry point of `packages` by name (each subpath of its exports map); node10 finds
 * the subpaths' declarations only through typesVersions. The `@ts-expect-error` line fails the
 * compile if a subpath's types were `any`.
 */
function node10Program(packages: readonly PublishedName[]): string {
  const specifiers = packages.flatMap((name) =>
    Object.keys(readManifest(packageDir(name)).publishConfig?.exports ?? {})
      .filter((subpath) => subpath !== "./package.json")
      .map((subpath) => `@gatekit/${name}${subpath.slice(1)}`),
  );
  return (
    `${specifiers.map((specifier, index) => `import * as entry${index} from "${specifier}";`).join("\n")}
import { signSync } from "@gatekit/signature/node";
import { expressWebhook } from "@gatekit/webhooks/express";

export const entries = [${specifiers.map((_, index) => `entry${index}`).join(", ")}];
const input = { appId: "a", appSecret: "s", url: "https://x.example/pg", timestamp: "1", nonce: "n", body: "{}" };
export const sign: string = signSync(input);
export const middleware: (req: never, res: never, next: (error?: unknown) => void) => void = expressWebhook({ ` +
    `appId: "a", appSecret: "s", notifyUrl: "https://shop.example.com/notify", onNotification: () => undefined });
// @ts-expect-error a signature is a string
export const wrong: number = signSync(input);
`
  );
}

const BUNDLER_MAIN = `${FLOW_IMPORTS}${FLOW}`;

/** Runs the bundled browser build under Node, which has fetch, Web Crypto and TextEncoder as globals. */
const BUNDLER_RUN = `import { flow } from "./dist/bundle.mjs";
const env = (name) => process.env[name] ?? (() => { throw new Error(name + " is not set"); })();
const config = { baseUrl: env("GATEWAY_BASE_URL"), appId: env("GATEWAY_APP_ID"), appSecret: env("GATEWAY_APP_SECRET") };
console.log(JSON.stringify(await flow(config, "consumer-bundler")));
`;

interface Project {
  readonly name: "esm" | "cjs" | "bundler";
  readonly dir: string;
  readonly packages: readonly PublishedName[];
}

const projects: Record<Project["name"], Project> = {
  esm: { name: "esm", dir: join(work, "esm"), packages: PUBLISHED },
  cjs: { name: "cjs", dir: join(work, "cjs"), packages: ["types", "signature", "client", "webhooks"] },
  bundler: { name: "bundler", dir: join(work, "bundler"), packages: ["types", "signature", "client", "webhooks"] },
};

function write(dir: string, files: Record<string, string | object>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

function createProject(project: Project): void {
  const dependencies = Object.fromEntries(
    project.packages.map((name) => [`@gatekit/${name}`, `file:${tarballs[name]}`]),
  );
  const manifest = {
    name: `gatekit-consumer-${project.name}`,
    private: true,
    type: project.name === "cjs" ? "commonjs" : "module",
    dependencies,
    devDependencies: project.name === "bundler" ? {} : { "@types/node": catalogVersion("@types/node") },
  };
  // ESM and CommonJS alike: `node16` resolution, strict, and the shipped .d.ts files checked too.
  const NODE16_TSCONFIG = {
    compilerOptions: {
      target: "ES2022",
      module: "node16",
      moduleResolution: "node16",
      strict: true,
      skipLibCheck: false,
      types: ["node"],
      rootDir: "src",
      outDir: "dist",
    },
    include: ["src"],
  };
  const wrongConfig = {
    extends: "./tsconfig.json",
    compilerOptions: { noEmit: true, rootDir: "." },
    include: ["typecheck/wrong.ts"],
  };
  if (project.name === "esm") {
    write(project.dir, {
      "package.json": manifest,
      "tsconfig.json": NODE16_TSCONFIG,
      "tsconfig.wrong.json": wrongConfig,
      "src/main.ts": ESM_MAIN,
      "typecheck/wrong.ts": WRONG,
      "server-require.cjs": SERVER_REQUIRE,
    });
  } else if (project.name === "cjs") {
    write(project.dir, {
      "package.json": manifest,
      "tsconfig.json": NODE16_TSCONFIG,
      "tsconfig.wrong.json": wrongConfig,
      "src/main.ts": CJS_MAIN,
      "typecheck/wrong.ts": WRONG,
      "plain.cjs": CJS_PLAIN,
      "tsconfig.node10.json": {
        compilerOptions: {
          target: "ES2022",
          module: "commonjs",
          moduleResolution: "node10",
          strict: true,
          skipLibCheck: false,
          types: ["node"],
          noEmit: true,
        },
        include: ["typecheck/node10.ts"],
      },
      "typecheck/node10.ts": node10Program(project.packages),
    });
    cpSync(join(root, "spec", "vectors", "signature.json"), join(project.dir, "signature-vectors.json"));
  } else {
    write(project.dir, {
      "package.json": manifest,
      "tsconfig.json": {
        compilerOptions: {
          target: "ES2022",
          module: "esnext",
          moduleResolution: "bundler",
          lib: ["ES2022", "DOM"],
          types: [],
          strict: true,
          skipLibCheck: false,
          noEmit: true,
          verbatimModuleSyntax: true,
        },
        include: ["src"],
      },
      "tsconfig.wrong.json": wrongConfig,
      "src/main.ts": BUNDLER_MAIN,
      "typecheck/wrong.ts": WRONG,
      "run.mjs": BUNDLER_RUN,
    });
  }
}

async function npmInstall(project: Project): Promise<RunResult> {
  const result = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: project.dir,
    env: npmEnv(),
    timeoutMs: 400_000,
  });
  return expectSuccess(result, `npm install in the ${project.name} project`);
}

const tsc = (project: Project, config: string): Promise<RunResult> =>
  run(process.execPath, [TSC, "-p", join(project.dir, config), "--pretty", "false"], {
    cwd: project.dir,
    timeoutMs: 120_000,
  });

/** The errors a compile printed, as `line:code`. */
const errorsOf = (output: string): string[] =>
  [...output.matchAll(/^(\S+?)\((\d+),\d+\): error (TS\d+):/gm)].map(
    ([, file, line, code]) => `${file!.replace(/\\/g, "/")}:${line}:${code}`,
  );

/** The errors wrong.ts is meant to produce, from its `expect-error` markers. */
const expectedErrors = (): string[] =>
  WRONG.split("\n").flatMap((text, index) => {
    const code = /expect-error (TS\d+)/.exec(text)?.[1];
    return code ? [`typecheck/wrong.ts:${index + 1}:${code}`] : [];
  });

function startGateway(): Promise<string> {
  const bin = join(projects.esm.dir, "node_modules", ".bin", "gatekit-gateway");
  const args = [
    "start",
    "--port",
    "0",
    "--db",
    join(work, "gateway.db"),
    "--merchant",
    `${appId}:${appSecret}`,
    "--log-level",
    "warn",
  ];
  // The installed bin, run as a user runs it: through its shebang.
  const child = spawn(bin, args, { cwd: projects.esm.dir, stdio: ["ignore", "pipe", "pipe"] });
  gateway = child;
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /API base URL\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with ${code} before it started:\n${output}`));
    });
  });
}

async function stopGateway(): Promise<void> {
  const child = gateway;
  gateway = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const gatewayEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GATEWAY_BASE_URL: baseUrl,
  GATEWAY_APP_ID: appId,
  GATEWAY_APP_SECRET: appSecret,
});

/** The last line a program printed, as JSON. */
function lastJson(result: RunResult): Record<string, unknown> {
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------

type Compile = Record<`${Project["name"]}:${"correct" | "wrong"}`, RunResult>;
const compiles: Partial<Compile> = {};
let installs: Record<Project["name"], RunResult>;

let node10Compile: RunResult | undefined;

async function compile(project: Project): Promise<void> {
  compiles[`${project.name}:correct`] = await timed(`tsc (${project.name}, correct program)`, () =>
    tsc(project, "tsconfig.json"),
  );
  compiles[`${project.name}:wrong`] = await timed(`tsc (${project.name}, wrong program)`, () =>
    tsc(project, "tsconfig.wrong.json"),
  );
  if (project.name === "cjs")
    node10Compile = await timed("tsc (cjs, every subpath under node10)", () => tsc(project, "tsconfig.node10.json"));
}

beforeAll(async () => {
  const started = Date.now();
  requireBuild();
  const destination = join(work, "tarballs");
  await timed("pnpm pack (5 packages)", () =>
    Promise.all(
      PUBLISHED.map(async (name) => {
        const packed = expectSuccess(
          await run("pnpm", ["pack", "--pack-destination", destination, "--json"], {
            cwd: packageDir(name),
            timeoutMs: 60_000,
          }),
          `pnpm pack in packages/${name}`,
        );
        const { filename } = JSON.parse(packed.stdout) as { filename: string };
        tarballs[name] = filename.startsWith("/") ? filename : join(destination, filename);
      }),
    ),
  );
  for (const project of Object.values(projects)) createProject(project);
  // One npm cache for all three (npm's own, shared across runs). The esm install compiles
  // better-sqlite3 on one core and dominates; the other two projects install and compile on the
  // other core meanwhile.
  const [esm, rest] = await Promise.all([
    timed("npm install (esm, with the server)", () => npmInstall(projects.esm)),
    (async () => {
      const [cjs, bundler] = await Promise.all([
        timed("npm install (cjs)", () => npmInstall(projects.cjs)),
        timed("npm install (bundler)", () => npmInstall(projects.bundler)),
      ]);
      await compile(projects.cjs);
      await compile(projects.bundler);
      return { cjs, bundler };
    })(),
  ]);
  installs = { esm, ...rest };
  await Promise.all([
    compile(projects.esm),
    timed("start the installed gatekit-gateway", async () => void (baseUrl = await startGateway())),
  ]);
  timings.push(["setup (pack, install, compile, start)", Date.now() - started]);
}, 600_000);

afterAll(async () => {
  await stopGateway();
  if (process.env["GATEKIT_KEEP_CONSUMER"] === undefined) rmSync(work, { recursive: true, force: true });
  else console.log(`consumer projects kept in ${work}`);
  console.log(
    `consumer check timings:\n` +
      `${timings.map(([label, ms]) => `  ${label.padEnd(42)} ${(ms / 1000).toFixed(1)} s`).join("\n")}`,
  );
}, 30_000);

describe("the packed packages, installed with npm outside the workspace", () => {
  it("install from the tarballs alone: one copy of each @gatekit package, none fetched from a registry", () => {
    for (const project of Object.values(projects)) {
      for (const name of project.packages) {
        const installed = JSON.parse(
          readFileSync(join(project.dir, "node_modules", "@gatekit", name, "package.json"), "utf8"),
        ) as {
          exports: object;
          version: string;
        };
        expect(JSON.stringify(installed.exports), `${project.name}: @gatekit/${name}`).not.toContain("@gatekit/source");
        expect(
          existsSync(join(project.dir, "node_modules", "@gatekit", name, "src")),
          `${project.name}: @gatekit/${name}/src`,
        ).toBe(false);
      }
      const lock = readFileSync(join(project.dir, "package-lock.json"), "utf8");
      expect(lock, `${project.name}: no @gatekit package resolved from a registry`).not.toMatch(
        /"resolved": "https?:[^"]*@gatekit/,
      );
      expect(lock.match(/"node_modules\/(?:.*\/node_modules\/)?@gatekit\/[a-z]+"/g)?.length, project.name).toBe(
        project.packages.length,
      );
    }
    expect(installs.esm.code).toBe(0);
  });
});

describe.each(["esm", "cjs", "bundler"] as const)("the %s project", (name) => {
  const project = projects[name];

  it("type-checks a correct program against the installed declarations", () => {
    const result = compiles[`${project.name}:correct`]!;
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("refuses a deliberately wrong program with exactly the expected errors", () => {
    const result = compiles[`${project.name}:wrong`]!;
    expect(result.code).not.toBe(0);
    expect(errorsOf(result.stdout).sort(), result.stdout).toEqual(expectedErrors().sort());
    expect(result.stdout).toContain("Type 'number' is not assignable to type 'string'.");
  });
});

it("resolves every entry and subpath, typed, under moduleResolution node10", () => {
  const program = readFileSync(join(projects.cjs.dir, "typecheck", "node10.ts"), "utf8");
  expect(program).toContain('from "@gatekit/webhooks/express"');
  expect(program).toContain('from "@gatekit/signature/node"');
  expect(node10Compile!.stdout + node10Compile!.stderr).toBe("");
  expect(node10Compile!.code).toBe(0);
});

describe("against the installed reference gateway", () => {
  const expectFlow = (result: Record<string, unknown>) => {
    expect(result).toMatchObject({
      created: { status: "PENDING" },
      queried: { status: "PENDING", amount: "100.05" },
      notFound: "Payment.Common.Not_Found",
      notification: { kind: "payment" },
      tampered: "bad_signature",
      minorUnits: "10005",
      ack: '{"code":"OK"}',
    });
    const created = result["created"] as { paymentNo: string };
    expect((result["queried"] as { paymentNo: string }).paymentNo).toBe(created.paymentNo);
    expect((result["notification"] as { paymentNo: string }).paymentNo).toBe(created.paymentNo);
  };

  it("esm: the compiled program signs a create and a query, and verifies a notification", async () => {
    const result = await timed("run (esm)", () =>
      run(process.execPath, ["dist/main.js"], { cwd: projects.esm.dir, env: gatewayEnv(), timeoutMs: 60_000 }),
    );
    const output = lastJson(expectSuccess(result, "the esm program"));
    expectFlow(output);
    expect(output).toMatchObject({ inProcessGateway: true, signSyncLength: 64 });
  }, 60_000);

  it("esm: the client README's example runs as written", async () => {
    const readme = readFileSync(join(packageDir("client"), "README.md"), "utf8");
    const example = /## Example\n+```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    writeFileSync(join(projects.esm.dir, "example.mjs"), example!);
    const result = await timed("run (client README example)", () =>
      run(process.execPath, ["example.mjs"], { cwd: projects.esm.dir, env: gatewayEnv(), timeoutMs: 60_000 }),
    );
    const lines = expectSuccess(result, "the README example").stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^send the payer to http:\/\/127\.0\.0\.1:\d+\/checkout\//);
    expect(lines[1]).toMatch(/^PENDING \d{4}-\d\d-\d\dT/);
    expect(lines[2]).toMatch(/^GatewayError Payment\.Common\.Not_Found 200 [0-9a-f]{32}$/);
  }, 60_000);

  it("serves the API docs at /docs from the installed package", async () => {
    const response = await fetch(`${new URL(baseUrl).origin}/docs`);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("<title>Gateway V2 API</title>");
    expect(page).not.toContain("The API docs are not built");
  });

  it("esm: the server's CommonJS entry works through require() too", async () => {
    const result = await timed("run (server through require)", () =>
      run(process.execPath, ["server-require.cjs"], { cwd: projects.esm.dir, timeoutMs: 60_000 }),
    );
    expect(lastJson(expectSuccess(result, "server-require.cjs"))).toEqual({ merchants: 1 });
  }, 60_000);

  it("cjs: the program compiled to require() does the same", async () => {
    const compiled = readFileSync(join(projects.cjs.dir, "dist", "main.js"), "utf8");
    expect(compiled).toContain('require("@gatekit/client")');
    const result = await timed("run (cjs)", () =>
      run(process.execPath, ["dist/main.js"], { cwd: projects.cjs.dir, env: gatewayEnv(), timeoutMs: 60_000 }),
    );
    const output = lastJson(expectSuccess(result, "the cjs program"));
    expectFlow(output);
    expect(output["moduleSystem"]).toBe("commonjs");
  }, 60_000);

  it("cjs: plain require() of every package; the installed signature matches every known-answer vector", async () => {
    const result = await timed("run (cjs, plain require)", () =>
      run(process.execPath, ["plain.cjs"], { cwd: projects.cjs.dir, timeoutMs: 60_000 }),
    );
    const output = lastJson(expectSuccess(result, "plain.cjs")) as {
      vectors: { name: string; sign: boolean; signSync: boolean; verify: boolean; authorization: boolean }[];
    };
    const vectors = (
      JSON.parse(readFileSync(join(root, "spec", "vectors", "signature.json"), "utf8")) as { vectors: unknown[] }
    ).vectors;
    expect(output.vectors).toHaveLength(vectors.length);
    for (const vector of output.vectors)
      expect(vector, vector.name).toEqual({
        name: vector.name,
        sign: true,
        signSync: true,
        verify: true,
        authorization: true,
      });
    expect(output).toMatchObject({ client: true, webhooks: '{"code":"OK"}', minorUnits: "12345" });
  }, 60_000);

  it("bundler: a browser bundle of the universal builds (no Node built-in) does the same", async () => {
    const output = await timed("rolldown bundle (bundler)", async () => {
      const bundle = await rolldown({
        input: join(projects.bundler.dir, "src", "main.ts"),
        cwd: projects.bundler.dir,
        platform: "browser",
        logLevel: "silent",
      });
      try {
        return (
          await bundle.write({
            file: join(projects.bundler.dir, "dist", "bundle.mjs"),
            format: "esm",
            codeSplitting: false,
          })
        ).output;
      } finally {
        await bundle.close();
      }
    });
    const chunks = output.filter((item) => item.type === "chunk");
    expect(chunks.flatMap((chunk) => chunk.imports)).toEqual([]);
    const code = chunks.map((chunk) => chunk.code).join("\n");
    expect(code).not.toMatch(/node:crypto|from "crypto"|require\(/);
    const result = await timed("run (bundler)", () =>
      run(process.execPath, ["run.mjs"], { cwd: projects.bundler.dir, env: gatewayEnv(), timeoutMs: 60_000 }),
    );
    expectFlow(lastJson(expectSuccess(result, "the bundled program")));
  }, 60_000);
});
