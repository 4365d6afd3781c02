// The steps of signRequest that do not depend on which SHA-256 runs, so the Web Crypto, node:crypto
// and sync variants build the same request.

import { formatAuthorization } from "./authorization.js";
import { createTimestamp } from "./clock.js";
import { createNonce } from "./nonce.js";
import type { SignInput, SignRequestOptions, SignedRequest } from "./types.js";

/** The content inputs for a new request: a fresh timestamp and nonce unless given. */
export function requestInput(options: SignRequestOptions): SignInput {
  const { appId, appSecret, url, body, method = "POST", now, nonce = createNonce() } = options;
  return { appId, appSecret, method, url, body, timestamp: createTimestamp(now), nonce };
}

/** The header and its parts, once the sign is known. Throws if a part cannot go into a header. */
export function signedRequest(input: SignInput, sign: string): SignedRequest {
  const parts = { appId: input.appId, sign, timestamp: input.timestamp, nonce: input.nonce };
  return { authorization: formatAuthorization(parts), ...parts };
}
