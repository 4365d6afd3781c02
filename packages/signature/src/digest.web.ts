// SHA-256 through Web Crypto: the one digest that every runtime has (Node 20+, browsers, Deno,
// Bun, Cloudflare Workers, Vercel Edge). It is asynchronous everywhere.

import { canonicalContent } from "./content.js";
import { toHex } from "./hex.js";
import type { SignInput } from "./types.js";

/** Lowercase hex SHA-256 of the canonical content, via `crypto.subtle`. */
export async function digestHex(input: SignInput): Promise<string> {
  const content = canonicalContent(input);
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new Error(
      "Web Crypto (crypto.subtle) is not available here; " +
        "browsers expose it only on HTTPS pages and localhost. Under Node, import @gatekit/signature/node.",
    );
  }
  return toHex(new Uint8Array(await subtle.digest("SHA-256", content)));
}
