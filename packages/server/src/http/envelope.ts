// The one writer of the `{code, errorMessage, data}` envelope responses of the public API. It
// writes the envelope's text once (see wire/envelope.ts in @gatekit/types), signs exactly that
// text with the request's signer and stamps the request id, so every header is in the Response
// it builds: nothing adds one afterwards.

import { envelopeText } from "@gatekit/types";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { GatewayEnv } from "./env.js";

export { envelopeText };

const CONTENT_TYPE = "application/json; charset=utf-8";

// The responses this writer built whole. The request scope stamps the id only on the others
// (checkout pages, docs, the control API), and it tells them apart without reading a header:
// reading a built Response's headers turns them into a Headers object, which @hono/node-server
// then has to convert back header by header.
const written = new WeakSet<Response>();

/** Whether `response` came from this writer, with its X-Request-Id (and signature, if any) already in it. */
export function isWritten(response: Response): boolean {
  return written.has(response);
}

/** Responds with an envelope, signed for the request's merchant when one is known. */
export function respond(
  c: Context<GatewayEnv>,
  status: ContentfulStatusCode,
  code: string,
  errorMessage: string | null,
  data: unknown = null,
): Response {
  const text = envelopeText(code, errorMessage, data);
  // Through c.body, so headers set before (405's Allow) are kept.
  const response = c.body(text, status, headersFor(c, code, text));
  written.add(response);
  return response;
}

/**
 * `OK` with `data`. The hot path of every successful request, so it builds the Response itself
 * with a plain header object, which @hono/node-server writes as is. Nothing sets headers before
 * `ok()` (unlike 405's Allow), so going around `c.body` loses none.
 */
export function ok(c: Context<GatewayEnv>, data: unknown): Response {
  const text = envelopeText("OK", null, data);
  const response = new Response(text, { status: 200, headers: headersFor(c, "OK", text) });
  written.add(response);
  return response;
}

/** A refusal: `data` is null. */
export function refuse(
  c: Context<GatewayEnv>,
  status: ContentfulStatusCode,
  code: string,
  errorMessage: string,
): Response {
  return respond(c, status, code, errorMessage, null);
}

// Content type, request id and signature of an envelope whose exact text is `text`; also notes
// its code for the request log.
function headersFor(c: Context<GatewayEnv>, code: string, text: string): Record<string, string> {
  c.set("responseCode", code);
  const headers: Record<string, string> = { "content-type": CONTENT_TYPE };
  const requestId = c.get("requestId");
  if (requestId !== undefined) headers["x-request-id"] = requestId;
  const authorization = c.get("signer")?.(text);
  if (authorization !== undefined) headers["authorization"] = authorization;
  return headers;
}
