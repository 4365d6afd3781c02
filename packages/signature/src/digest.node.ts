// SHA-256 through node:crypto: synchronous and several times faster than Web Crypto under Node.
// A namespace import, because `hash` only exists from Node 20.12 and a named import of it would
// fail to load on older 20.x.

import * as crypto from "node:crypto";
import { withContent } from "./content.js";
import type { SignInput } from "./types.js";

// The one-shot `crypto.hash` skips creating a Hash object, most of the cost for a small message.
const oneShot: typeof crypto.hash | undefined = typeof crypto.hash === "function" ? crypto.hash : undefined;

/** Lowercase hex SHA-256 of the canonical content, via `node:crypto`. */
export function digestHexSync(input: SignInput): string {
  return withContent(input, hashText, hashBytes);
}

function hashText(content: string): string {
  return oneShot ? oneShot("sha256", content, "hex") : crypto.createHash("sha256").update(content).digest("hex");
}

function hashBytes(head: string, body: Uint8Array, end: string): string {
  if (!oneShot) return crypto.createHash("sha256").update(head).update(body).update(end).digest("hex");
  // Copying into one buffer and hashing once beats three update() calls on a Hash object.
  const headLength = Buffer.byteLength(head);
  const content = Buffer.allocUnsafe(headLength + body.byteLength + Buffer.byteLength(end));
  content.write(head, 0);
  content.set(body, headLength);
  content.write(end, headLength + body.byteLength);
  return oneShot("sha256", content, "hex");
}
