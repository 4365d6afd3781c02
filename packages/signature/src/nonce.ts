import { toHex } from "./hex.js";

const NONCE_BYTES = 16;
// Asking the CSPRNG once per nonce costs more than the rest of signing a request; asking once
// per 256 nonces costs next to nothing. Each pool byte is handed out exactly once.
const pool = new Uint8Array(NONCE_BYTES * 256);
let offset = pool.length;

/**
 * A fresh nonce: 32 lowercase hex characters (128 bits) from the platform's CSPRNG
 * (`crypto.getRandomValues`, present in Node 20+, browsers and edge runtimes). Receivers reject a
 * nonce they have seen within the clock window, so it must never repeat; a counter or
 * `Math.random()` would not do.
 */
export function createNonce(): string {
  if (offset === pool.length) {
    crypto.getRandomValues(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return toHex(bytes);
}
