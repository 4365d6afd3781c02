// The one definition of the V2_SHA256 content. Every digest (Web Crypto, node:crypto, sync or
// not) and `canonicalContent` read the content through `withContent`, so the line order and the
// body rules live here and nowhere else.

import type { SignInput } from "./types.js";

const LINE_END = "\n";

/**
 * Hands the content to one of two consumers, so each can take it in the form it hashes fastest
 * without a copy made here:
 * - a string body: `text(content)`, the whole content as one string (UTF-8 where it is consumed);
 * - a byte body: `bytes(head, body, end)`, the six header lines, the body untouched (never
 *   decoded or re-encoded), then the final line end.
 * Consumers should be module-level functions, so the hot path allocates no closures.
 */
export function withContent<T>(
  input: SignInput,
  text: (content: string) => T,
  bytes: (head: string, body: Uint8Array, end: string) => T,
): T {
  const { appId, appSecret, method = "POST", url, timestamp, nonce, body } = input;
  // A missing field would otherwise be signed as the word "undefined" and fail far from the cause.
  if (
    typeof appId !== "string" ||
    typeof appSecret !== "string" ||
    typeof method !== "string" ||
    typeof url !== "string" ||
    typeof timestamp !== "string" ||
    typeof nonce !== "string"
  ) {
    throw fieldError({ appId, appSecret, method, url, timestamp, nonce });
  }
  const head =
    appId +
    LINE_END +
    appSecret +
    LINE_END +
    method +
    LINE_END +
    url +
    LINE_END +
    timestamp +
    LINE_END +
    nonce +
    LINE_END;
  if (typeof body === "string") return text(head + body + LINE_END);
  return bytes(head, bodyBytes(body), LINE_END);
}

const encoder = new TextEncoder();

/**
 * The exact bytes that are hashed: appId, appSecret, method, url, timestamp, nonce and body, each
 * followed by `\n` (the last one too). Useful to show a partner what was signed when their sign
 * differs; never log it as is, since the secret is its second line.
 */
export function canonicalContent(input: SignInput): Uint8Array<ArrayBuffer> {
  return withContent(input, encodeText, joinBytes);
}

function encodeText(content: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(content);
}

function joinBytes(head: string, body: Uint8Array, end: string): Uint8Array<ArrayBuffer> {
  const headBytes = encoder.encode(head);
  const endBytes = encoder.encode(end);
  const content = new Uint8Array(headBytes.byteLength + body.byteLength + endBytes.byteLength);
  content.set(headBytes, 0);
  content.set(body, headBytes.byteLength);
  content.set(endBytes, headBytes.byteLength + body.byteLength);
  return content;
}

function bodyBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  // A Uint8Array from another realm (an iframe, a vm context) fails instanceof but is still bytes.
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw bodyError(body);
}

function fieldError(fields: Record<string, unknown>): TypeError {
  const [field, value] = Object.entries(fields).find(([, value]) => typeof value !== "string") ?? [
    "a field",
    undefined,
  ];
  return new TypeError(`${field} must be a string, got ${kindOf(value)}.`);
}

function bodyError(body: unknown): TypeError {
  const hint =
    body instanceof ArrayBuffer
      ? "wrap it: new Uint8Array(arrayBuffer)"
      : typeof body === "object" && body !== null
        ? "you passed a parsed object; pass the raw body exactly as sent or received " +
          "(JSON.stringify would not reproduce the sender's bytes)"
        : "pass the raw body exactly as sent or received";
  return new TypeError(`body must be a string or a Uint8Array, got ${kindOf(body)}: ${hint}.`);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  return (value.constructor as { name?: string } | undefined)?.name ?? "object";
}
