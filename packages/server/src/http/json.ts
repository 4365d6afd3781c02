// The gateway's reading of a request body as strict JSON. The rules live in @gatekit/types
// (wire/json.ts), shared with the client and the webhooks verifier; this keeps the result the
// request handlers use: the value, or the message that becomes the refusal's errorMessage.

import { duplicateKey, MAX_JSON_DEPTH, parseStrictJson as parseWireJson } from "@gatekit/types";

/** The outcome of {@link parseStrictJson}. */
export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

/** How deep objects and arrays may nest: the shared {@link MAX_JSON_DEPTH}. */
export const MAX_DEPTH = MAX_JSON_DEPTH;

export { duplicateKey };

/** Parses the exact bytes received. The message says what is wrong without echoing much of the body. */
export function parseStrictJson(bytes: Uint8Array): JsonResult {
  const result = parseWireJson(bytes);
  return result.ok ? result : { ok: false, message: result.message };
}
