// The part of the public API that is the same in every entry: nothing here hashes.

export { formatAuthorization, parseAuthorization } from "./authorization.js";
export { checkClock, createTimestamp, DEFAULT_TOLERANCE_MS, type ClockCheck, type ClockOptions } from "./clock.js";
export { canonicalContent } from "./content.js";
export { AuthCode, isSignatureError, SignatureError, type SignatureErrorCode } from "./errors.js";
export { createNonce } from "./nonce.js";
export type { AuthorizationParts, SignedRequest, SignInput, SignRequestOptions, VerifyInput } from "./types.js";
export {
  firstMatch,
  signatureCandidates,
  type SignatureCandidate,
  type SignatureHints,
  type SignatureMistake,
  type SignatureMistakeKind,
} from "./mistakes.js";
