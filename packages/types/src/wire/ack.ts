// The merchant's answer to a notification. The gateway counts a delivery as done only on HTTP 200
// with an acknowledgement; any other status or body is a failure and is retried, freshly signed.

import { parseStrictJson } from "./json.js";

/** The acknowledgement body, exactly `{"code":"OK"}`: send it with HTTP 200 once a notification is handled. */
export const ACK: '{"code":"OK"}' = '{"code":"OK"}';

/**
 * Whether a 200 answer's body acknowledges a notification: strict JSON (see json.ts) that is an
 * object with exactly one member, `"code": "OK"`. Whitespace around or inside it is fine (it is
 * still that object); anything else (another code, extra members, an array, plain `OK`) is not,
 * because a merchant that answers something else has not necessarily processed the notification.
 * A leading byte order mark is tolerated: the answer is not signed, so the BOM hides nothing, and
 * some server stacks put one before every UTF-8 body.
 */
export function isAcknowledgement(body: string | Uint8Array): boolean {
  const parsed = parseStrictJson(withoutBom(body));
  if (!parsed.ok) return false;
  const { value } = parsed;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === "code" && (value as { code: unknown }).code === "OK";
}

function withoutBom(body: string | Uint8Array): string | Uint8Array {
  if (typeof body === "string") return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? body.subarray(3) : body;
}
