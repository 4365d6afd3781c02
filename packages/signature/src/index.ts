// The universal entry: Web Crypto only, no Node built-in anywhere in its import graph, so it runs
// in browsers and edge runtimes as well as Node. (Under Node, the package's "node" export
// condition picks index.node.ts instead, which has the same API.)

import { digestHex } from "./digest.web.js";
import { requestInput, signedRequest } from "./sign-request.js";
import { signatureCandidates, type SignatureHints, type SignatureMistake } from "./mistakes.js";
import { canMatch, matches } from "./verify.js";
import type { SignInput, SignRequestOptions, SignedRequest, VerifyInput } from "./types.js";

export * from "./common.js";

/** The sign of a request, response or notification: lowercase hex SHA-256 of its canonical content. */
export async function sign(input: SignInput): Promise<string> {
  return digestHex(input);
}

/**
 * Whether `input.sign` is the sign of the content, compared in constant time. A sign that is not
 * 64 lowercase hex characters is simply `false`, never an exception.
 */
export async function verify(input: VerifyInput): Promise<boolean> {
  return canMatch(input) && matches(await digestHex(input), input);
}

/** Signs a new request with a fresh timestamp and nonce; returns the Authorization value and its parts. */
export async function signRequest(options: SignRequestOptions): Promise<SignedRequest> {
  const input = requestInput(options);
  return signedRequest(input, await digestHex(input));
}

/**
 * After a failed {@link verify}: which usual mistake (URL base path, scheme, host or port, body
 * re-serialized or re-encoded, trailing newline, timestamp in seconds) makes `input.sign` match,
 * or null when none does. A bounded handful of hashes. The result names no secret and no sign.
 */
export async function diagnoseSignature(input: VerifyInput, hints?: SignatureHints): Promise<SignatureMistake | null> {
  for (const { input: candidate, ...mistake } of signatureCandidates(input, hints)) {
    if (canMatch(input) && matches(await digestHex(candidate), input)) return mistake;
  }
  return null;
}
