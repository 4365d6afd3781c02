// The `{code, errorMessage, data}` envelope of every response body and notification, as text: how
// the gateway writes it and how a reader checks it. Each operation's schema narrows `data`; this
// checks only what every envelope shares, so each reader narrows `data` itself.

import { parseStrictJson, type StrictJsonProblem } from "./json.js";

/** An envelope as read: `code` says what happened, `errorMessage` explains a failure, `data` is the result. */
export interface WireEnvelope {
  readonly code: string;
  readonly errorMessage: string | null;
  readonly data: unknown;
}

/** Why {@link readEnvelope} refused a body: its JSON, or the member that is wrong. */
export type EnvelopeProblem = StrictJsonProblem | "not_object" | "code" | "error_message" | "data";

/** The outcome of {@link readEnvelope}. */
export type EnvelopeResult =
  | { readonly ok: true; readonly envelope: WireEnvelope }
  | { readonly ok: false; readonly problem: EnvelopeProblem; readonly message: string };

/** Options of {@link readEnvelope}. */
export interface ReadEnvelopeOptions {
  /**
   * Reads a missing `errorMessage` or `data` as null instead of refusing the body. The contract
   * requires both; a client sets this to still report the code of an answer that lacks one.
   */
  readonly missingAsNull?: boolean | undefined;
}

/** The envelope's exact text, compact JSON: the gateway signs and sends these bytes. */
export function envelopeText(code: string, errorMessage: string | null, data: unknown): string {
  return JSON.stringify({ code, errorMessage, data });
}

/** Reads a body as an envelope: strict JSON (see json.ts), an object, a string `code`, and the other two members. */
export function readEnvelope(body: string | Uint8Array, options: ReadEnvelopeOptions = {}): EnvelopeResult {
  const parsed = parseStrictJson(body);
  if (!parsed.ok) return parsed;
  return checkEnvelope(parsed.value, options);
}

/** {@link readEnvelope} for a value already parsed by the strict parser. */
export function checkEnvelope(value: unknown, options: ReadEnvelopeOptions = {}): EnvelopeResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return refused("not_object", "the body is JSON but not an object");
  }
  const members = value as Record<string, unknown>;
  const { code } = members;
  if (typeof code !== "string") return refused("code", "the envelope's code is missing or not a string");
  const missing = options.missingAsNull === true ? null : undefined;
  const errorMessage = Object.hasOwn(members, "errorMessage") ? members["errorMessage"] : missing;
  if (errorMessage !== null && typeof errorMessage !== "string") {
    return refused("error_message", "the envelope's errorMessage must be null or a string");
  }
  const data = Object.hasOwn(members, "data") ? members["data"] : missing;
  if (data === undefined) return refused("data", "the envelope has no data member; it is null on failure");
  return { ok: true, envelope: { code, errorMessage, data } };
}

function refused(problem: EnvelopeProblem, message: string): EnvelopeResult {
  return { ok: false, problem, message };
}
