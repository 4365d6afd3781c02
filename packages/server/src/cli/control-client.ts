// The typed client of a running gateway's control API (spec/control.yaml), for the subcommands:
// openapi-fetch over the generated `paths`, and `call`, which turns every way a call can fail
// (nobody listening, a refused control token, an unknown id, a refusal) into one CliError line.

import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/control.js";
import { CONTROL_FLAGS, CliError, type Env, type FlagValues, type Io, usage } from "./command.js";

/** The control API's schemas. */
export type Schemas = components["schemas"];

/** The default --url: a gateway started with `gatekit-gateway start`. */
export const DEFAULT_URL = "http://127.0.0.1:8080";

/** Where the gateway is and how to get in. */
export interface Target {
  /** The origin (and any path prefix a proxy adds), without a trailing slash. */
  readonly url: string;
  readonly controlToken: string | undefined;
}

/** The --url and --control-token of a command line, falling back to the environment. */
export function targetOf(command: string, values: FlagValues<typeof CONTROL_FLAGS>, io: Io): Target {
  const text = values.url ?? io.env["GATEKIT_GATEWAY_URL"] ?? DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(command, `--url must be an absolute URL such as ${DEFAULT_URL}, got "${text}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw usage(command, `--url must start with http:// or https://, got "${text}"`);
  const controlToken = values["control-token"] ?? nonEmpty(io.env["GATEKIT_CONTROL_TOKEN"]);
  io.secret(controlToken);
  return { url: `${url.origin}${url.pathname}`.replace(/\/+$/, ""), controlToken };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** A control API client for `target`. */
export function controlClient(target: Target): Client<paths> {
  return createClient<paths>({
    baseUrl: target.url,
    headers: target.controlToken === undefined ? {} : { authorization: `Bearer ${target.controlToken}` },
  });
}

interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Awaits one control call and resolves with the envelope's `data`; anything else is a CliError.
 * `what` names the call for messages, such as "payment PAY…".
 */
export async function call<T extends { data: unknown }>(
  target: Target,
  what: string,
  send: () => Promise<Answer<T>>,
): Promise<T["data"]> {
  let answer: Answer<T>;
  try {
    answer = await send();
  } catch (error) {
    throw unreachable(target, error);
  }
  if (answer.data !== undefined) return answer.data.data;
  throw refusal(target, what, answer.response.status, answer.error);
}

/** The one line for a gateway that cannot be reached. */
export function unreachable(target: Target, error: unknown): CliError {
  const code = causeCode(error);
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EHOSTUNREACH" ||
    code === "EAI_AGAIN" ||
    code === "ECONNRESET"
  ) {
    return new CliError(`no gateway answers at ${target.url}: start one with \`gatekit-gateway start\` or pass --url`);
  }
  if (code?.includes("CERT") || code === "DEPTH_ZERO_SELF_SIGNED_CERT") {
    return new CliError(
      `cannot trust the certificate of ${target.url} (${code}): ` +
        "run with NODE_EXTRA_CA_CERTS=<the CA file the gateway printed at start>",
    );
  }
  return new CliError(
    `cannot reach ${target.url}: ${code ?? (error instanceof Error ? error.message : String(error))}`,
  );
}

function causeCode(error: unknown): string | undefined {
  for (
    let current = error, depth = 0;
    current && depth < 5;
    current = (current as { cause?: unknown }).cause, depth++
  ) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    const errors = (current as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) return causeCode(errors[0]);
  }
  return undefined;
}

/** The one line for a control call the gateway answered with a failure. */
export function refusal(target: Target, what: string, status: number, body: unknown): CliError {
  const envelope = body as { code?: unknown; errorMessage?: unknown } | undefined;
  const message = typeof envelope?.errorMessage === "string" ? envelope.errorMessage : undefined;
  if (typeof envelope?.code !== "string" || !envelope.code.startsWith("Control.") || message === undefined) {
    return new CliError(
      `${target.url} answered HTTP ${status} without a control API envelope: is --url a Gatekit gateway's origin?`,
    );
  }
  switch (status) {
    case 401:
      return new CliError(
        target.controlToken === undefined
          ? `the gateway at ${target.url} requires a control token: pass --control-token or set GATEKIT_CONTROL_TOKEN`
          : `the gateway at ${target.url} refused the control token: ` +
              "pass the one it was started with (--control-token or GATEKIT_CONTROL_TOKEN)",
      );
    case 403:
      return new CliError(`the gateway at ${target.url} refused: ${message}`);
    case 404:
      return new CliError(
        message.startsWith("no control route")
          ? `the gateway at ${target.url} does not offer ${what}: it is older than this CLI`
          : message,
      );
    case 409:
      return new CliError(`refused: ${message}`);
    case 400:
      return new CliError(`the gateway refused the request for ${what}: ${message}`);
    default:
      return new CliError(`the gateway failed on ${what} (HTTP ${status}): ${message}`);
  }
}
