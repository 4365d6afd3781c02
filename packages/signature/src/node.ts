// "@gatekit/signature/node": everything from the Node entry, plus synchronous variants for hot
// server paths where an await per request is measurable.

import { digestHexSync } from "./digest.node.js";
import { requestInput, signedRequest } from "./sign-request.js";
import { firstMatch, signatureCandidates, type SignatureHints, type SignatureMistake } from "./mistakes.js";
import { canMatch, matches } from "./verify.js";
import type { SignInput, SignRequestOptions, SignedRequest, VerifyInput } from "./types.js";

export * from "./index.node.js";

/** `sign`, synchronously (node:crypto): the lowercase hex sign of the content. */
export function signSync(input: SignInput): string {
  return digestHexSync(input);
}

/** `verify`, synchronously (node:crypto): constant-time, and `false` for a malformed sign. */
export function verifySync(input: VerifyInput): boolean {
  return canMatch(input) && matches(digestHexSync(input), input);
}

/** `signRequest`, synchronously (node:crypto): a fresh timestamp and nonce, the header and its parts. */
export function signRequestSync(options: SignRequestOptions): SignedRequest {
  const input = requestInput(options);
  return signedRequest(input, digestHexSync(input));
}

/** `diagnoseSignature`, synchronously (node:crypto). */
export function diagnoseSignatureSync(input: VerifyInput, hints?: SignatureHints): SignatureMistake | null {
  return firstMatch(signatureCandidates(input, hints), input.sign, verifySync);
}
