// Reading a body with a byte cap. Reading an unbounded body from a sender nobody has authenticated
// yet would hand it our memory, so a body stops being read as soon as it passes the cap: a
// declared Content-Length over the cap is refused before anything is read, and a body without one
// (chunked) is read until it passes the cap and no further. Web streams only, so this runs in
// browsers, workers and Node alike.

/** Thrown when a body is larger than its cap; `type` tells it apart across two copies of this package. */
export class BodyTooLargeError extends Error {
  /** Always `"BodyTooLargeError"`. */
  readonly type = "BodyTooLargeError" as const;
  /** The cap that was passed, in bytes. */
  readonly limit: number;

  constructor(limit: number) {
    super(`the body is larger than ${limit} bytes; send a smaller body, or raise the limit if it is yours to set`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/** Whether `error` is a {@link BodyTooLargeError}, from this copy of the package or another. */
export function isBodyTooLarge(error: unknown): error is BodyTooLargeError {
  return typeof error === "object" && error !== null && (error as { type?: unknown }).type === "BodyTooLargeError";
}

/** Whether a Content-Length header (digits only, as HTTP defines it) already declares more than `limit`. */
export function declaresMoreThan(contentLength: string | null | undefined, limit: number): boolean {
  return typeof contentLength === "string" && /^\d+$/.test(contentLength) && Number(contentLength) > limit;
}

/** Collects chunks into one Uint8Array, throwing {@link BodyTooLargeError} as soon as the cap is passed. */
export class ByteCollector {
  readonly #chunks: Uint8Array[] = [];
  #length = 0;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The bytes collected so far. */
  get length(): number {
    return this.#length;
  }

  /** Adds a chunk; throws {@link BodyTooLargeError} once the total passes the cap. */
  add(chunk: Uint8Array): void {
    this.#length += chunk.byteLength;
    if (this.#length > this.#limit) throw new BodyTooLargeError(this.#limit);
    this.#chunks.push(chunk);
  }

  /** Everything collected, as one array. */
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

/**
 * Reads a whole stream (a Request's or a Response's `body`; null is an empty body), throwing
 * {@link BodyTooLargeError} as soon as it passes `limit`. The stream is cancelled when reading
 * stops early, so the sender is not read any further.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const collector = new ByteCollector(limit);
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return collector.bytes();
      collector.add(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  }
}

/**
 * Reads at most the first `limit` bytes of a stream and cancels the rest: for an answer that is
 * judged and quoted but never needed whole. `complete` says whether the stream ended within them.
 */
export async function readPrefix(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<{ readonly bytes: Uint8Array; readonly complete: boolean }> {
  if (body === null) return { bytes: new Uint8Array(0), complete: true };
  const collector = new ByteCollector(Number.POSITIVE_INFINITY);
  const reader = body.getReader();
  let complete = false;
  try {
    while (collector.length < limit) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      collector.add(value);
    }
  } finally {
    // Stop reading an endless answer; the connection is not reused for what is left of it.
    if (!complete) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const bytes = collector.bytes();
  return { bytes: bytes.byteLength > limit ? bytes.subarray(0, limit) : bytes, complete };
}
