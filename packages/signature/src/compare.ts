/**
 * Compares two strings in a time that depends only on their lengths, never on where they first
 * differ, so a verifier does not tell an attacker how many leading characters of a forged sign
 * were right. Lengths are public (a sign is always 64 characters), so differing lengths return
 * false at once. Strings that are not hex are compared like any other: against a real sign they
 * can only differ.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (typeof a !== "string" || typeof b !== "string" || a.length !== b.length) return false;
  let difference = 0;
  // No early exit: every position is visited and folded into one value.
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
