// The body is parsed only after its signature is valid, and only as strict JSON of exactly the
// signed bytes. The scheme is plain SHA-256 with the secret as a line, which allows length
// extension: someone who saw one notification can compute a valid sign for its bytes followed by
// SHA-256 padding and a suffix of their choice. That padding holds a 0x80 byte and NULs, so a
// fatal UTF-8 decoder or a strict JSON parser refuses every such body, and the nonce check refuses
// the reused nonce; a lenient reader that stops at the first complete value would not.
//
// Decided: JSON whitespace (space, tab, CR, LF) around the value is accepted. RFC 8259 makes it
// part of a JSON text, the bytes are signed like the rest, and refusing a trailing newline would
// break every delivery for no gain. Everything else is refused: invalid UTF-8, a byte order mark
// (the gateway sends none, and a BOM-stripping decoder would hide a byte that was signed), a
// second value, or any other trailing byte. The gateway itself emits compact JSON.

import { invalidBody } from "./errors.js";
import { kindOf } from "./kind.js";
import type { Notification, NotificationDelivery, RawBody } from "./types.js";

// fatal: invalid UTF-8 throws instead of becoming U+FFFD; ignoreBOM: a BOM is kept in the text,
// where JSON.parse refuses it, instead of being silently dropped.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const RAW_BODY_HINT =
  "Pass the raw request body exactly as received, as a string or bytes (Buffer, Uint8Array): read it before any JSON body parser runs, " +
  "e.g. express.raw({ type: \"application/json\" }), or await request.text() in a Fetch handler";

/**
 * Throws `invalid_body` unless `body` is a raw body. A parsed object is the classic mistake:
 * re-serialising it never reproduces the gateway's bytes, so it could not verify anyway.
 */
export function requireRawBody(body: unknown): asserts body is RawBody {
  if (typeof body === "string" || body instanceof Uint8Array) return;
  // A Uint8Array from another realm fails instanceof but is bytes all the same.
  if (ArrayBuffer.isView(body) && (body as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT === 1) return;
  if (body instanceof ArrayBuffer) throw invalidBody("body is an ArrayBuffer: wrap it as new Uint8Array(arrayBuffer).");
  if (body === undefined || body === null) throw invalidBody(`body is ${body}: the request body was not read. ${RAW_BODY_HINT}.`);
  if (typeof body === "object") {
    throw invalidBody(
      `body is a parsed object, not the raw body: a JSON body parser ran before verification, and re-serialising its result never reproduces the signed bytes. ${RAW_BODY_HINT}.`,
    );
  }
  throw invalidBody(`body is a ${typeof body}, not the raw body. ${RAW_BODY_HINT}.`);
}

/** The body as text: bytes decoded as strict UTF-8; a string checked to be well-formed. */
export function bodyText(body: RawBody): string {
  if (typeof body === "string") {
    // A lone surrogate cannot come from UTF-8 bytes, and it is signed as U+FFFD, not as itself.
    if (!isWellFormed(body)) {
      throw invalidBody("The body string holds a lone UTF-16 surrogate, so it is not the text of UTF-8 bytes; pass the raw bytes instead.");
    }
    return body;
  }
  // A Uint8Array from another realm fails instanceof; requireRawBody let it through as bytes.
  const view = body as ArrayBufferView;
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  try {
    return decoder.decode(bytes);
  } catch {
    throw invalidBody("The body is not valid UTF-8; the gateway sends UTF-8 JSON, so these are not the bytes it signed as a notification.");
  }
}

// String.prototype.isWellFormed is ES2024 (Node 20, current browsers); the regex is the fallback.
function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native !== undefined ? native.call(text) : !/\p{Surrogate}/u.test(text);
}

/**
 * Parses a verified body into a notification: strict JSON, an envelope
 * `{"code":"OK","errorMessage":…,"data":{…}}`, and data of a known kind with a string `status`.
 * The rest of `data` is left as the gateway sent it (the contract lets it add fields).
 */
export function parseNotification(text: string, timestamp: number, nonce: string, delivery: NotificationDelivery | null = null): Notification {
  if (text.charCodeAt(0) === 0xfeff) {
    throw invalidBody("The body starts with a byte order mark (U+FEFF); a notification is JSON without one.");
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw invalidBody(
      `The body is not one strict JSON value${detail}. Trailing bytes after the value (other than whitespace) are refused, since they are how a length-extended body would look.`,
    );
  }
  if (!isRecord(envelope)) throw invalidBody(`The body is JSON but not an object; a notification is ${ENVELOPE}.`);
  if (envelope["code"] !== "OK") throw invalidBody(`The envelope's code is not "OK"; a notification is ${ENVELOPE}.`);
  const errorMessage = envelope["errorMessage"];
  if (errorMessage !== null && typeof errorMessage !== "string") {
    throw invalidBody(`The envelope's errorMessage must be null or a string; a notification is ${ENVELOPE}.`);
  }
  const data = envelope["data"];
  if (!isRecord(data)) throw invalidBody(`The envelope's data is not an object; a notification is ${ENVELOPE}.`);
  const found = kindOf(data);
  if ("problem" in found) throw invalidBody(`The notification's ${found.problem}.`);
  if (typeof data["status"] !== "string") throw invalidBody("The notification's data.status is missing or not a string.");
  // The contract types `data`; this checked what routing depends on (the id and the status).
  return { kind: found.kind, data, timestamp, nonce, delivery } as Notification;
}

const ENVELOPE = '{"code":"OK","errorMessage":null,"data":{…}}';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
