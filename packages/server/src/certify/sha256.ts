// SHA-256's length extension, for the forgery that exploits it. A V2_SHA256 sign is
// SHA-256(appId \n appSecret \n … \n body \n): the secret is a prefix, not an HMAC key, so from a
// genuine sign and the content's length anyone can compute the sign of that content followed by
// SHA-256's padding and any suffix, without the secret. node:crypto cannot start from a given
// state, hence this small compression function (FIPS 180-4), checked against node:crypto in tests.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Runs the compression function over whole 64-byte blocks of `data`, updating `state` in place. */
function compress(state: Uint32Array, data: Uint8Array): void {
  const w = new Uint32Array(64);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let offset = 0; offset < data.byteLength; offset += 64) {
    for (let t = 0; t < 16; t += 1) w[t] = view.getUint32(offset + t * 4);
    for (let t = 16; t < 64; t += 1) {
      const s0 = rotr(w[t - 15]!, 7) ^ rotr(w[t - 15]!, 18) ^ (w[t - 15]! >>> 3);
      const s1 = rotr(w[t - 2]!, 17) ^ rotr(w[t - 2]!, 19) ^ (w[t - 2]! >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = state as unknown as [number, number, number, number, number, number, number, number];
    for (let t = 0; t < 64; t += 1) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    const next = [a, b, c, d, e, f, g, h];
    for (let i = 0; i < 8; i += 1) state[i] = (state[i]! + next[i]!) >>> 0;
  }
}

/** SHA-256's padding of a message of `length` bytes: 0x80, zeros, and the length in bits (64-bit big-endian). */
export function sha256Padding(length: number): Uint8Array {
  const zeros = (55 - (length % 64) + 64) % 64;
  const padding = new Uint8Array(1 + zeros + 8);
  padding[0] = 0x80;
  new DataView(padding.buffer).setBigUint64(1 + zeros, BigInt(length) * 8n);
  return padding;
}

/** What {@link extendSha256} returns: the bytes that go between the message and the suffix, and the new digest. */
export interface LengthExtension {
  /** The original message's padding: the forged message is message ‖ glue ‖ suffix. */
  readonly glue: Uint8Array;
  /** Lowercase hex SHA-256 of message ‖ glue ‖ suffix. */
  readonly digest: string;
}

/**
 * Given only the hex SHA-256 `digest` of an unknown message of `length` bytes, computes the digest
 * of message ‖ padding ‖ `suffix`. Throws a RangeError for a digest that is not 64 hex characters.
 */
export function extendSha256(digest: string, length: number, suffix: Uint8Array): LengthExtension {
  if (!/^[0-9a-f]{64}$/i.test(digest)) throw new RangeError("digest must be 64 hexadecimal characters.");
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError("length must be a whole number of bytes.");
  const state = new Uint32Array(8);
  for (let i = 0; i < 8; i += 1) state[i] = Number.parseInt(digest.slice(i * 8, i * 8 + 8), 16);
  const glue = sha256Padding(length);
  const processed = length + glue.byteLength;
  // The suffix is hashed as the tail of a message of processed + suffix bytes.
  const tailPadding = sha256Padding(processed + suffix.byteLength);
  const tail = new Uint8Array(suffix.byteLength + tailPadding.byteLength);
  tail.set(suffix, 0);
  tail.set(tailPadding, suffix.byteLength);
  compress(state, tail);
  return { glue, digest: Array.from(state, (word) => word.toString(16).padStart(8, "0")).join("") };
}
