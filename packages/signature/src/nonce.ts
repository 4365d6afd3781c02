import { toHex } from "./hex.js";

/**
 * A fresh nonce: 32 lowercase hex characters (128 bits) from the platform's CSPRNG
 * (`crypto.getRandomValues`, present in Node 20+, browsers and edge runtimes). Receivers reject a
 * nonce they have seen within the clock window, so it must never repeat; a counter or
 * `Math.random()` would not do.
 */
export function createNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(16)));
}
