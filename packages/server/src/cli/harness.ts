// Runs the built `gatekit-gateway` CLI as a real child process, for the tests that need a whole
// process (crash and restart, the browser tests). Not part of the published build: no entry
// imports it.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import { ACK, type Notification, verifyNotification } from "@gatekit/webhooks";

/** Where the build puts the CLI. */
export const CLI_PATH: string = fileURLToPath(new URL("../../dist/cli/main.mjs", import.meta.url));

/** The CLI's path, or an error saying how to build it (the test command builds before testing). */
export function builtCli(): string {
  if (!existsSync(CLI_PATH)) {
    throw new Error(
      `The gatekit-gateway CLI is not built (${CLI_PATH} is missing). Build it with \`pnpm turbo run build --filter @gatekit/server\`, or run the whole suite with \`npm test\`, which builds first.`,
    );
  }
  return CLI_PATH;
}

/** A running CLI process. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** The API base URL it printed, such as `http://127.0.0.1:40123/pg`. */
  readonly apiBase: string;
  /** The origin it printed, such as `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** Where it listens: the origin, or the address it printed apart from a --public-url. */
  readonly listening: string;
  /** Everything it wrote to standard output and standard error so far. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `gatekit-gateway <args>` and resolves once it printed its API base URL. */
export function startCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliProcess> {
  const child = spawn(process.execPath, [builtCli(), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`gatekit-gateway did not print its API base URL within ${options.timeoutMs ?? 20_000} ms. Output:\n${output}`));
    }, options.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /API base URL\s+(\S+)/.exec(output);
      // The banner is written at once but may arrive in pieces: wait for its last line.
      if (match && output.includes("Press Ctrl+C to stop.")) {
        clearTimeout(timer);
        const apiBase = match[1]!;
        const origin = new URL(apiBase).origin;
        resolve({
          child,
          apiBase,
          origin,
          listening: /Listening on\s+(\S+)/.exec(output)?.[1] ?? origin,
          output: () => output,
          kill: (signal = "SIGTERM") => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`gatekit-gateway exited (${code ?? signal}) before it was ready. Output:\n${output}`));
    });
  });
}

/** Calls `condition` until it is truthy or `timeoutMs` passes; no fixed sleeps in assertions. */
export async function until<T>(condition: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A merchant's credentials as the CLI printed them. */
export interface Credentials {
  readonly appId: string;
  readonly appSecret: string;
}

/** POSTs a JSON body signed as a merchant would, and resolves with the parsed envelope. */
export async function signedCall<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  credentials: Credentials,
): Promise<{ code: string; errorMessage: string | null; data: T }> {
  const text = JSON.stringify(body);
  const timestamp = createTimestamp();
  const nonce = createNonce();
  const sign = signSync({ ...credentials, method: "POST", url, timestamp, nonce, body: text });
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      "user-agent": "gatekit-server-tests/1",
      authorization: formatAuthorization({ appId: credentials.appId, sign, timestamp, nonce }),
    },
    body: text,
  });
  return (await response.json()) as { code: string; errorMessage: string | null; data: T };
}

/** A payment/create body for a merchant on loopback. */
export function paymentBody(merchantTradeNo: string, urls: { readonly notifyUrl: string; readonly returnUrl: string }, extra: Record<string, unknown> = {}) {
  return {
    merchantTradeNo,
    amount: "100.05",
    currency: "INR",
    description: "Order for the tests",
    payer: { userId: "u-1", name: "Asha Verma", email: "asha@example.com", phone: "+919812345678" },
    payMethod: { type: "UPI" },
    notifyUrl: urls.notifyUrl,
    returnUrl: urls.returnUrl,
    ...extra,
  };
}

/** How the loopback merchant answers notifications. */
export type MerchantMode = "ok" | "error" | "hang";

/** One notification the merchant received, verified with @gatekit/webhooks. */
export interface Received {
  readonly raw: string;
  readonly verified: boolean;
  readonly notification: Notification | undefined;
  readonly problem: string | undefined;
  readonly userAgent: string | undefined;
  /** How it was answered: acknowledged (`ok`), refused (`error`) or left hanging. */
  readonly answered: MerchantMode;
}

/** A merchant shop on 127.0.0.1: a notify endpoint that verifies what arrives, and a return page. */
export interface Merchant {
  readonly origin: string;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  /** How notifications are answered from now on. */
  mode: MerchantMode;
  /** The secret notifications are verified with (set once the gateway's merchant is known). */
  credentials: Credentials | undefined;
  readonly received: Received[];
  /** Query strings of the GETs to the return page, parsed. */
  readonly returns: Array<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts a merchant on a free loopback port. */
export async function startMerchant(initialMode: MerchantMode = "ok"): Promise<Merchant> {
  const hanging = new Set<ServerResponse>();
  const state = {
    mode: initialMode,
    credentials: undefined as Credentials | undefined,
    received: [] as Received[],
    returns: [] as Array<Record<string, string>>,
  };
  let notifyUrl = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    if (req.method === "GET" && url.pathname === "/return") {
      state.returns.push(Object.fromEntries(url.searchParams));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><title>Back at the shop</title><h1>Back at the shop</h1>`);
      return;
    }
    if (req.method !== "POST" || url.pathname !== "/notify") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const mode = state.mode;
      void (async () => {
        let notification: Notification | undefined;
        let problem: string | undefined;
        try {
          if (!state.credentials) throw new Error("the merchant's credentials are not set");
          notification = await verifyNotification({ body: raw, authorization: req.headers.authorization, notifyUrl, ...state.credentials });
        } catch (error) {
          problem = (error as Error).message;
        }
        const answered: MerchantMode = mode === "ok" && !notification ? "error" : mode;
        state.received.push({ raw, verified: notification !== undefined, notification, problem, userAgent: req.headers["user-agent"], answered });
        if (mode === "hang") {
          hanging.add(res);
          return;
        }
        if (mode === "error" || !notification) res.writeHead(500, { "content-type": "text/plain" }).end("not now");
        else res.writeHead(200, { "content-type": "application/json" }).end(ACK);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  notifyUrl = `${origin}/notify`;
  return Object.assign(state, {
    origin,
    notifyUrl,
    returnUrl: `${origin}/return`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** The merchant credentials the CLI printed (the first merchant). */
export function printedCredentials(output: string): Credentials {
  const appId = /appId\s+(\S+)/.exec(output)?.[1];
  const appSecret = /appSecret\s+(\S+)/.exec(output)?.[1];
  if (!appId || !appSecret || appSecret.startsWith("(")) throw new Error(`No sandbox credentials in the CLI's output:\n${output}`);
  return { appId, appSecret };
}
