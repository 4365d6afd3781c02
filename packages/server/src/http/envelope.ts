// The `{code, errorMessage, data}` envelope of every public response, written once to a string
// that is both signed and sent.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { GatewayEnv } from "./env.js";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" } as const;

/** The envelope's text. */
export function envelopeText(code: string, errorMessage: string | null, data: unknown): string {
  return JSON.stringify({ code, errorMessage, data });
}

/** Responds with an envelope, keeping its exact text for the signing middleware. */
export function respond(c: Context<GatewayEnv>, status: ContentfulStatusCode, code: string, errorMessage: string | null, data: unknown = null): Response {
  const text = envelopeText(code, errorMessage, data);
  c.set("responseText", text);
  c.set("responseCode", code);
  return c.body(text, status, JSON_HEADERS);
}

/** `OK` with `data`. */
export function ok(c: Context<GatewayEnv>, data: unknown): Response {
  return respond(c, 200, "OK", null, data);
}

/** A refusal: `data` is null. */
export function refuse(c: Context<GatewayEnv>, status: ContentfulStatusCode, code: string, errorMessage: string): Response {
  return respond(c, status, code, errorMessage, null);
}
