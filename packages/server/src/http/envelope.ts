// The `{code, errorMessage, data}` envelope of every public response, written once to a string
// that is both signed and sent.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { GatewayEnv } from "./env.js";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" } as const;
const CONTENT_TYPE = JSON_HEADERS["content-type"];

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

/**
 * `OK` with `data`. The hot path of every successful request, so it builds the final Response at
 * once: X-Request-Id and the response signature go into a plain header object, instead of the
 * middlewares setting them on `c.res.headers` afterwards. Setting a header on a built Response
 * turns its headers into a Headers object, which @hono/node-server then has to convert back
 * header by header; a plain object is written as is. Nothing sets headers before `ok()` (unlike
 * 405's Allow), so going around `c.body` loses none.
 */
export function ok(c: Context<GatewayEnv>, data: unknown): Response {
  const text = envelopeText("OK", null, data);
  c.set("responseText", text);
  c.set("responseCode", "OK");
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE };
  const requestId = c.get("requestId");
  if (requestId !== undefined) headers["x-request-id"] = requestId;
  const sign = c.get("signResponse");
  const authorization = sign?.(text);
  if (authorization !== undefined) headers["authorization"] = authorization;
  // Only complete when both middlewares ran (the app's own chain); otherwise they add what is missing.
  if (requestId === undefined || sign === undefined) return c.body(text, 200, headers);
  const response = new Response(text, { status: 200, headers });
  c.set("completeResponse", response);
  return response;
}

/** A refusal: `data` is null. */
export function refuse(c: Context<GatewayEnv>, status: ContentfulStatusCode, code: string, errorMessage: string): Response {
  return respond(c, status, code, errorMessage, null);
}
