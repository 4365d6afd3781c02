// The body is parsed only after its signature is valid, and only as strict JSON of exactly the
// signed bytes: the rules (whitespace around the value accepted; invalid UTF-8, a byte order mark,
// a lone surrogate, a second value, trailing bytes, a repeated key and deep nesting refused) live
// in @gatekit/types (wire/json.ts), shared with the gateway and the client. The scheme allows
// length extension, and the SHA-256 padding of an extended body holds a 0x80 byte and NULs, so
// these rules refuse every such body; the nonce check refuses the reused nonce.

import { checkEnvelope, decodeStrictText, parseStrictJsonText, type StrictJsonProblem } from "@gatekit/types";
import { invalidBody } from "./errors.js";
import { kindOf } from "./kind.js";
import type { Notification, NotificationDelivery, RawBody } from "./types.js";

const RAW_BODY_HINT =
  "Pass the raw request body exactly as received, " +
  "as a string or bytes (Buffer, Uint8Array): read it before any JSON body parser runs, " +
  'e.g. express.raw({ type: "application/json" }), or await request.text() in a Fetch handler';

/**
 * Throws `invalid_body` unless `body` is a raw body. A parsed object is the classic mistake:
 * re-serialising it never reproduces the gateway's bytes, so it could not verify anyway.
 */
export function requireRawBody(body: unknown): asserts body is RawBody {
  if (typeof body === "string" || body instanceof Uint8Array) return;
  // A Uint8Array from another realm fails instanceof but is bytes all the same.
  if (ArrayBuffer.isView(body) && (body as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT === 1) return;
  if (body instanceof ArrayBuffer) throw invalidBody("body is an ArrayBuffer: wrap it as new Uint8Array(arrayBuffer).");
  if (body === undefined || body === null)
    throw invalidBody(`body is ${body}: the request body was not read. ${RAW_BODY_HINT}.`);
  if (typeof body === "object") {
    throw invalidBody(
      `body is a parsed object, not the raw body: a JSON body parser ran before verification, ` +
        `and re-serialising its result never reproduces the signed bytes. ${RAW_BODY_HINT}.`,
    );
  }
  throw invalidBody(`body is a ${typeof body}, not the raw body. ${RAW_BODY_HINT}.`);
}

const LONE_SURROGATE =
  "The body string holds a lone UTF-16 surrogate, so it is not the text of UTF-8 bytes; pass the raw bytes instead.";
const NOT_UTF8 =
  "The body is not valid UTF-8; the gateway sends UTF-8 JSON, so these are not the bytes it signed as a notification.";

/** The body as text: bytes decoded as strict UTF-8 (a BOM kept, to be refused); a string checked to be well-formed. */
export function bodyText(body: RawBody): string {
  // A Uint8Array from another realm fails instanceof; requireRawBody let it through as bytes.
  const view = body as ArrayBufferView;
  const raw =
    typeof body === "string" || body instanceof Uint8Array
      ? body
      : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const decoded = decodeStrictText(raw);
  if (decoded.ok) return decoded.text;
  throw invalidBody(decoded.problem === "surrogate" ? LONE_SURROGATE : NOT_UTF8);
}

/**
 * Parses a verified body into a notification: strict JSON, an envelope
 * `{"code":"OK","errorMessage":…,"data":{…}}`, and data of a known kind with a string `status`.
 * The rest of `data` is left as the gateway sent it (the contract lets it add fields).
 */
export function parseNotification(
  text: string,
  timestamp: number,
  nonce: string,
  delivery: NotificationDelivery | null = null,
): Notification {
  const parsed = parseStrictJsonText(text);
  if (!parsed.ok) throw invalidBody(jsonRefusal(parsed.problem, parsed.detail));
  const checked = checkEnvelope(parsed.value);
  if (!checked.ok) {
    throw invalidBody(`${ENVELOPE_REFUSALS[checked.problem as EnvelopeMember]} a notification is ${ENVELOPE}.`);
  }
  const { code, data } = checked.envelope;
  if (code !== "OK") throw invalidBody(`The envelope's code is not "OK"; a notification is ${ENVELOPE}.`);
  if (!isRecord(data)) throw invalidBody(`The envelope's data is not an object; a notification is ${ENVELOPE}.`);
  const found = kindOf(data);
  if ("problem" in found) throw invalidBody(`The notification's ${found.problem}.`);
  if (typeof data["status"] !== "string")
    throw invalidBody("The notification's data.status is missing or not a string.");
  // The contract types `data`; this checked what routing depends on (the id and the status).
  return { kind: found.kind, data, timestamp, nonce, delivery } as Notification;
}

const ENVELOPE = '{"code":"OK","errorMessage":null,"data":{…}}';

type EnvelopeMember = "not_object" | "code" | "error_message" | "data";

// The strict parser already took the body's JSON, so only the envelope's own problems are left.
const ENVELOPE_REFUSALS: Readonly<Record<EnvelopeMember, string>> = {
  not_object: "The body is JSON but not an object;",
  code: 'The envelope\'s code is not "OK";',
  error_message: "The envelope's errorMessage must be null or a string;",
  data: "The envelope's data is not an object;",
};

function jsonRefusal(problem: StrictJsonProblem, detail: string | undefined): string {
  if (problem === "bom") return "The body starts with a byte order mark (U+FEFF); a notification is JSON without one.";
  return (
    `The body is not one strict JSON value${detail === undefined ? "" : `: ${detail}`}. ` +
    "Trailing bytes after the value (other than whitespace) are refused, " +
    "since they are how a length-extended body would look."
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
