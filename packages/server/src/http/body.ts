// Reading a request body with the contract's 1 MiB limit, by the shared reader of @gatekit/types
// (wire/body.ts): a declared Content-Length over the limit is refused before anything is read; a
// body without one (chunked) is read until it passes the limit and no further.

import { declaresMoreThan, isBodyTooLarge, readCapped } from "@gatekit/types";

/** The contract's limit: 1 MiB. */
export const MAX_BODY_BYTES = 1_048_576;

/** The body's exact bytes, or null when it is larger than `limit`. */
export async function readBody(request: Request, limit: number = MAX_BODY_BYTES): Promise<Uint8Array | null> {
  const declared = request.headers.get("content-length");
  if (declaresMoreThan(declared, limit)) return null;
  if (declared !== null && /^\d+$/.test(declared)) {
    // The HTTP parser holds the body to its Content-Length, so reading it whole is safe (and, on
    // @hono/node-server, the fast path); the check after covers in-process callers.
    const bytes = new Uint8Array(await request.arrayBuffer());
    return bytes.byteLength > limit ? null : bytes;
  }
  try {
    return await readCapped(request.body, limit);
  } catch (error) {
    if (isBodyTooLarge(error)) return null;
    throw error;
  }
}
