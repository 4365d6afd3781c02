// Fetch-style requests (Hono, Next.js route handlers, Bun, Deno, Workers, undici).

import { checkReadOptions } from "./config.js";
import { invalidBody } from "./errors.js";
import { checkDeclaredLength, readStream } from "./read.js";
import type { Notification, ReadOptions } from "./types.js";
import { verifyNotification } from "./verify.js";

/**
 * Verifies a Fetch API `Request` carrying a notification: reads its body once (up to
 * `maxBodyBytes`) and its Authorization header, then {@link verifyNotification}. The body must
 * not have been read before; to read it elsewhere too, pass `request.clone()`.
 */
export async function verifyRequest(request: Request, options: ReadOptions): Promise<Notification> {
  const maxBodyBytes = checkReadOptions(options);
  const body = await readRequestBody(request, maxBodyBytes);
  return verifyNotification({
    ...options,
    body,
    authorization: request.headers.get("authorization"),
    headers: request.headers,
  });
}

/** The body of a Fetch `Request` as bytes, refused with status 413 past `maxBodyBytes`. */
export async function readRequestBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  if (request.bodyUsed) {
    throw invalidBody(
      "The request body was already read (by a body parser, a validator or earlier middleware), " +
        "so its raw bytes are gone. Verify before anything reads the body, or pass request.clone().",
    );
  }
  checkDeclaredLength(request.headers.get("content-length"), maxBodyBytes);
  return readStream(request.body, maxBodyBytes);
}
