// Web Crypto hands back an ArrayBuffer; the scheme wants lowercase hex. A table of the 256 byte
// spellings keeps the conversion to one lookup per byte.
const BYTE_TO_HEX: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = "";
  for (let i = 0; i < bytes.length; i++) hex += BYTE_TO_HEX[bytes[i]!]!;
  return hex;
}
