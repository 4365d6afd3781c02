// Reading a body with a cap. A notification is about 1 KB; anything near the cap is not one, and
// reading an unbounded body from an unauthenticated sender would hand it our memory. The reading
// itself is @gatekit/types' (wire/body.ts), shared with the gateway; this turns its over-limit
// error into the verifier's 413.

import { ByteCollector, declaresMoreThan, isBodyTooLarge, readCapped } from "@gatekit/types";
import { invalidBody, type WebhookVerificationError } from "./errors.js";

/** The error for a body over the cap: `invalid_body` with status 413. */
export function tooLarge(maxBodyBytes: number): WebhookVerificationError {
  const message = `The body is larger than maxBodyBytes (${maxBodyBytes} bytes); a notification is about a kilobyte.`;
  return invalidBody(message, 413);
}

/** Refuses early when the declared Content-Length is already over the cap. */
export function checkDeclaredLength(contentLength: string | null | undefined, maxBodyBytes: number): void {
  if (declaresMoreThan(contentLength, maxBodyBytes)) throw tooLarge(maxBodyBytes);
}

/** Reads a Web stream whole, throwing {@link tooLarge} as soon as the cap is passed. */
export async function readStream(body: ReadableStream<Uint8Array> | null, maxBodyBytes: number): Promise<Uint8Array> {
  try {
    return await readCapped(body, maxBodyBytes);
  } catch (error) {
    throw isBodyTooLarge(error) ? tooLarge(maxBodyBytes) : error;
  }
}

/** Collects chunks into one Uint8Array, throwing {@link tooLarge} as soon as the cap is passed. */
export class Collector {
  readonly #collector: ByteCollector;
  readonly #maxBodyBytes: number;

  constructor(maxBodyBytes: number) {
    this.#collector = new ByteCollector(maxBodyBytes);
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** Adds a chunk of the body. */
  add(chunk: Uint8Array): void {
    try {
      this.#collector.add(chunk);
    } catch (error) {
      throw isBodyTooLarge(error) ? tooLarge(this.#maxBodyBytes) : error;
    }
  }

  /** The whole body read so far. */
  bytes(): Uint8Array {
    return this.#collector.bytes();
  }
}
