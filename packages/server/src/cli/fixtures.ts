// `gatekit-gateway fixtures <file.json>`: runs a list of steps (signed public operations and
// control calls) in order, each able to refer to earlier answers, and stops at the first step
// whose code is not the one it expects, printing that step's request and response.

import { readFileSync } from "node:fs";
import type { GatewayClient } from "@gatekit/client";
import type { DataAt, RequestAt } from "@gatekit/types";
import { controlDocument } from "../generated/documents.js";
import { CONTROL_FLAGS, CONTROL_HELP, CliError, type Io, type Subcommand, parseCommand, printJson } from "./command.js";
import { type Target, controlClient, targetOf, unreachable } from "./control-client.js";
import { type FixtureStep, OPERATIONS, parseFixture } from "./fixture-file.js";
import { MERCHANT_HELP, credentialsOf } from "./merchant.js";
import { publicClient } from "./public-client.js";
import { resolveReferences } from "./template.js";

const HELP = `Usage: gatekit-gateway fixtures <file.json> [options]

Runs the steps of a fixture file in order and stops at the first one whose code differs from
the one it expects, printing that step's request and response (secrets masked).

A fixture file is a JSON list of steps:
  [
    { "name": "pay", "operation": "payment/create", "body": { "merchantTradeNo": "F-1", … } },
    { "name": "paid", "control": "POST /payments/\${pay.data.paymentNo}/outcome", "body": { "status": "PAID" } },
    { "name": "again", "control": "POST /payments/\${pay.data.paymentNo}/outcome", "body": { "status": "FAILED" },
      "code": "Control.Common.Conflict" }
  ]
  name        how later steps refer to this one's answer: \${pay.data.paymentNo}, \${pay.code}
  operation   a public operation, signed as the merchant: ${OPERATIONS.join(", ")}
  control     a control API call, "GET <path>" or "POST <path>" under /__gateway (spec/control.yaml)
  body        the request body; strings may hold \${step.path} and \${env:VAR|default}
  code        the answer's code the step expects                               (default: OK)

Options:
${MERCHANT_HELP}
${CONTROL_HELP}
  --json                     print every step's answer as JSON
  -h, --help                 show this help
`;

const FLAGS = { ...CONTROL_FLAGS, json: { type: "boolean" }, merchant: { type: "string" } } as const;

// The control API's paths, as patterns: /__gateway/payments/{paymentNo} matches one segment there.
const CONTROL_PATHS = Object.keys(controlDocument["paths"] as Record<string, unknown>).map((path) => ({
  method: new Set(
    Object.keys((controlDocument["paths"] as Record<string, Record<string, unknown>>)[path]!).map((method) =>
      method.toUpperCase(),
    ),
  ),
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
}));

/** `gatekit-gateway fixtures`. */
export const fixtures: Subcommand = {
  name: "fixtures",
  summary: "run a JSON list of public and control steps, stopping at the first unexpected code",
  async run(argv, io) {
    const parsed = parseCommand("fixtures", argv, io, { flags: FLAGS, help: HELP, positionals: { min: 1, max: 1 } });
    if (!parsed) return 0;
    const file = parsed.positionals[0]!;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new CliError(
        `cannot read ${file}: ` +
          `${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
      );
    }
    const steps = parseFixture(file, text);
    const target = targetOf("fixtures", parsed.values, io);
    const control = controlClient(target);
    const needsMerchant = steps.some((step) => "operation" in step);
    const signer = needsMerchant
      ? await credentialsOf("fixtures", parsed.values.merchant, io, control, target)
      : undefined;
    const client = signer ? (await publicClient(control, target, signer)).client : undefined;
    const results = new Map<string, unknown>();
    for (const [index, step] of steps.entries()) {
      const where = `step ${index + 1} "${step.name}"`;
      const body =
        step.body === undefined ? undefined : resolveReferences(step.body, results, io.env, where, `/${index}/body`);
      const exchange =
        "operation" in step
          ? await publicStep(client!, target, step, body, signer!.appId)
          : await controlStep(target, step, body, results, io, where, index);
      const expected = step.code ?? "OK";
      const code = (exchange.response as { code?: unknown } | undefined)?.code;
      if (code !== expected) {
        printExchange(io, exchange);
        throw new CliError(
          `${where} answered ${String(code ?? "no envelope")}, expected ${expected}: ` +
            "its request and response are printed above",
        );
      }
      results.set(step.name, exchange.response);
      if (!parsed.values.json)
        io.out(`ok  ${step.name}  ${exchange.request.method} ${exchange.label}  ${String(code)}\n`);
    }
    if (parsed.values.json) printJson(io, Object.fromEntries(results));
    else io.out(`${steps.length} step${steps.length === 1 ? "" : "s"} passed.\n`);
    return 0;
  },
};

interface Exchange {
  readonly label: string;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string>;
    readonly body: unknown;
  };
  readonly status: number | undefined;
  readonly response: unknown;
}

type FixtureOperation = (typeof OPERATIONS)[number];
type Method<Op extends FixtureOperation> = (
  client: GatewayClient,
  body: RequestAt<`/v2/${Op}`>,
) => Promise<DataAt<`/v2/${Op}`>>;

// Typed by each operation's path, so that a step's operation and the client method it calls agree.
const METHODS: { readonly [Op in FixtureOperation]: Method<Op> } = {
  "payment/create": (client, body) => client.payments.create(body),
  "payment/query": (client, body) => client.payments.query(body),
  "refund/create": (client, body) => client.refunds.create(body),
  "payout/create": (client, body) => client.payouts.create(body),
  "payout/query": (client, body) => client.payouts.query(body),
  "balance/query": (client, body) => client.balance.query(body),
};

function callOperation<Op extends FixtureOperation>(
  client: GatewayClient,
  operation: Op,
  body: unknown,
): Promise<DataAt<`/v2/${Op}`>> {
  // Unchecked on purpose: a step may send a body the contract refuses, to see the gateway refuse it.
  return METHODS[operation](client, body as RequestAt<`/v2/${Op}`>);
}

async function publicStep(
  client: GatewayClient,
  target: Target,
  step: FixtureStep & { operation: (typeof OPERATIONS)[number] },
  body: unknown,
  appId: string,
): Promise<Exchange> {
  const request = {
    method: "POST",
    url: `<base>/v2/${step.operation}`,
    headers: { authorization: `V2_SHA256 appId=${appId},sign=****,timestamp=…,nonce=…` },
    body: body ?? {},
  };
  try {
    const data = await callOperation(client, step.operation, body ?? {});
    return { label: step.operation, request, status: 200, response: { code: "OK", errorMessage: null, data } };
  } catch (error) {
    const failure = error as {
      type?: string;
      code?: string;
      errorMessage?: string | null;
      httpStatus?: number;
      rawBody?: string;
      url?: string;
      cause?: unknown;
    };
    if (failure.type === "ConnectionError") throw unreachable(target, failure.cause ?? error);
    let response: unknown = { code: failure.code, errorMessage: failure.errorMessage ?? null, data: null };
    try {
      if (failure.rawBody) response = JSON.parse(failure.rawBody);
    } catch {
      response = failure.rawBody;
    }
    return {
      label: step.operation,
      request: { ...request, url: failure.url ?? request.url },
      status: failure.httpStatus,
      response,
    };
  }
}

async function controlStep(
  target: Target,
  step: FixtureStep & { control: string },
  body: unknown,
  results: ReadonlyMap<string, unknown>,
  io: Io,
  where: string,
  index: number,
): Promise<Exchange> {
  const [method, rawPath] = step.control.split(" ") as [string, string];
  const resolved = String(resolveReferences(rawPath, results, io.env, where, `/${index}/control`));
  const path = resolved.startsWith("/__gateway/") ? resolved : `/__gateway${resolved}`;
  const known = CONTROL_PATHS.find((candidate) => candidate.pattern.test(path.split("?")[0]!));
  if (!known) throw new CliError(`${where}: ${path} is not a path of the control API (spec/control.yaml)`);
  if (!known.method.has(method)) throw new CliError(`${where}: the control API has no ${method} ${path}`);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (target.controlToken !== undefined) headers["authorization"] = `Bearer ${target.controlToken}`;
  const request = {
    method,
    url: `${target.url}${path}`,
    headers: { ...headers, ...(headers["authorization"] ? { authorization: "Bearer ****" } : {}) },
    body,
  };
  let response: Response;
  try {
    response = await fetch(request.url, {
      method,
      headers,
      ...(method === "POST" ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch (error) {
    throw unreachable(target, error);
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Printed as text when the step fails.
  }
  return { label: path.slice("/__gateway".length), request, status: response.status, response: parsed };
}

function printExchange(io: Io, exchange: Exchange): void {
  const { request } = exchange;
  io.out(`Request:\n  ${request.method} ${request.url}\n`);
  for (const [name, value] of Object.entries(request.headers)) io.out(`  ${name}: ${value}\n`);
  if (request.body !== undefined) io.out(`${indent(JSON.stringify(request.body, null, 2))}\n`);
  const response =
    typeof exchange.response === "string" ? exchange.response : JSON.stringify(exchange.response, null, 2);
  io.out(`Response${exchange.status === undefined ? "" : ` (HTTP ${exchange.status})`}:\n${indent(response)}\n`);
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}
