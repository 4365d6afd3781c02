// The entry Node gets for "@gatekit/signature" (export condition "node"): the same API as the
// universal entry, hashed with node:crypto, which is synchronous and much faster than Web Crypto
// there.

import { digestHexSync } from "./digest.node.js";
import { requestInput, signedRequest } from "./sign-request.js";
import { signatureCandidates, type SignatureHints, type SignatureMistake } from "./mistakes.js";
import { canMatch, matches } from "./verify.js";
import type { SignInput, SignRequestOptions, SignedRequest, VerifyInput } from "./types.js";

export * from "./common.js";

/** The sign of a request, response or notification: lowercase hex SHA-256 of its canonical content. */
export async function sign(input: SignInput): Promise<string> {
  return digestHexSync(input);
}

/**
 * Whether `input.sign` is the sign of the content, compared in constant time. A sign that is not
 * 64 lowercase hex characters is simply `false`, never an exception.
 */
export async function verify(input: VerifyInput): Promise<boolean> {
  return canMatch(input) && matches(digestHexSync(input), input);
}

/** Signs a new request with a fresh timestamp and nonce; returns the Authorization value and its parts. */
export async function signRequest(options: SignRequestOptions): Promise<SignedRequest> {
  const input = requestInput(options);
  return signedRequest(input, digestHexSync(input));
}

/**
 * After a failed {@link verify}: which usual mistake (URL base path, scheme, host or port, body
 * re-serialized or re-encoded, trailing newline, timestamp in seconds) makes `input.sign` match,
 * or null when none does. A bounded handful of hashes. The result names no secret and no sign.
 */
export async function diagnoseSignature(input: VerifyInput, hints?: SignatureHints): Promise<SignatureMistake | null> {
  for (const { input: candidate, ...mistake } of signatureCandidates(input, hints)) {
    if (canMatch(input) && matches(digestHexSync(candidate), input)) return mistake;
  }
  return null;
}
