// Signing per attempt: every attempt sends the same bytes over exactly the URL it names, under a
// signature of its own with a fresh timestamp and nonce, so a retry is never a replay.

import type { SignedRequest, SignRequestOptions, VerifyInput } from "@gatekit/signature";

/** The signing functions the transport uses; results may be promises (Web Crypto) or not (node:crypto). */
export interface Signature {
  readonly signRequest: (options: SignRequestOptions) => SignedRequest | Promise<SignedRequest>;
  readonly verify: (input: VerifyInput) => boolean | Promise<boolean>;
}

/** What one attempt signs: the same for every attempt of a call. */
export interface Signable {
  readonly appId: string;
  readonly appSecret: string;
  readonly method: string;
  readonly url: string;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
}

/** A new signature for one attempt; a promise only when `signature.signRequest` returns one. */
export function signAttempt(
  signature: Signature,
  { appId, appSecret, method, url, body }: Signable,
): SignedRequest | Promise<SignedRequest> {
  return signature.signRequest({ appId, appSecret, method, url, body: body ?? "" });
}

/** The fetch options of one attempt: the call's headers and bytes, under that attempt's Authorization. */
export function attemptInit(
  method: string,
  headers: Readonly<Record<string, string>>,
  body: Uint8Array<ArrayBuffer> | undefined,
  authorization: string,
): RequestInit {
  const init: RequestInit = { method, headers: { ...headers, authorization }, redirect: "manual" };
  if (body !== undefined) init.body = body;
  return init;
}

/** A raw-client Request's headers (a caller may add some), with the transport's own on top. */
export function requestHeaders(request: Request, own: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  // Only the transport signs; a header set by a caller would be stale on the next attempt anyway.
  delete headers["authorization"];
  return { ...headers, ...own };
}
