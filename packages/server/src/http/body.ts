// Reading a request body with the contract's 1 MiB limit. A declared Content-Length over the
// limit is refused before anything is read; a body without one (chunked) is read until it passes
// the limit and no further.

/** The contract's limit: 1 MiB. */
export const MAX_BODY_BYTES = 1_048_576;

/** The body's exact bytes, or null when it is larger than `limit`. */
export async function readBody(request: Request, limit: number = MAX_BODY_BYTES): Promise<Uint8Array | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > limit) return null;
    // The HTTP parser holds the body to its Content-Length, so reading it whole is safe (and, on
    // @hono/node-server, the fast path); the check after covers in-process callers.
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.byteLength > limit ? null : bytes;
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
