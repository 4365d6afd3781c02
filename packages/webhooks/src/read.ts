// Reading a body with a cap. A notification is about 1 KB; anything near the cap is not one, and
// reading an unbounded body from an unauthenticated sender would hand it our memory.

import { invalidBody, type WebhookVerificationError } from "./errors.js";

/** The error for a body over the cap: `invalid_body` with status 413. */
export function tooLarge(maxBodyBytes: number): WebhookVerificationError {
  return invalidBody(`The body is larger than maxBodyBytes (${maxBodyBytes} bytes); a notification is about a kilobyte.`, 413);
}

/** Refuses early when the declared Content-Length is already over the cap. */
export function checkDeclaredLength(contentLength: string | null | undefined, maxBodyBytes: number): void {
  if (contentLength !== null && contentLength !== undefined && Number(contentLength) > maxBodyBytes) throw tooLarge(maxBodyBytes);
}

/** Collects chunks into one Uint8Array, throwing {@link tooLarge} as soon as the cap is passed. */
export class Collector {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;
  readonly #maxBodyBytes: number;

  constructor(maxBodyBytes: number) {
    this.#maxBodyBytes = maxBodyBytes;
  }

  add(chunk: Uint8Array): void {
    this.#length += chunk.byteLength;
    if (this.#length > this.#maxBodyBytes) throw tooLarge(this.#maxBodyBytes);
    this.#chunks.push(chunk);
  }

  bytes(): Uint8Array {
    // One chunk is the common case for a small body: no copy.
    if (this.#chunks.length === 1) return this.#chunks[0]!;
    const bytes = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of this.#chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}
