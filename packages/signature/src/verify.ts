// The two steps every verify shares, whichever digest runs between them.

import { constantTimeEqual } from "./compare.js";
import type { VerifyInput } from "./types.js";

/** Every sign is 64 hex characters. */
const SIGN_LENGTH = 64;

/**
 * Whether a sign can match at all, checked before hashing: its length is public, so refusing a
 * wrong one early leaks nothing and spares the hash. Non-hex and uppercase characters need no
 * check of their own: the expected sign is lowercase hex, so they can only make the
 * constant-time comparison fail.
 */
export function canMatch(input: VerifyInput): boolean {
  const { sign } = input;
  return typeof sign === "string" && sign.length === SIGN_LENGTH;
}

/** The final, constant-time step of verify: `expected` is the sign just computed. */
export function matches(expected: string, input: VerifyInput): boolean {
  return constantTimeEqual(expected, input.sign);
}
