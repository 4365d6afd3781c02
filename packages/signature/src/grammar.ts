// What a well-formed Authorization value looks like. The parser, the formatter, verify and the
// clock check all ask here, so "valid" means the same thing everywhere.

import type { AuthorizationParts } from "./types.js";

/** The scheme word; the header is this, one space, then the four parameters. */
export const SCHEME = "V2_SHA256";

/** The parameter names in the order the gateway emits them. */
export const KEYS: readonly (keyof AuthorizationParts)[] = ["appId", "sign", "timestamp", "nonce"];

/** Longest appId or nonce accepted; the gateway's are 32 characters, this leaves room without inviting abuse. */
export const MAX_TOKEN_LENGTH = 128;

// Each value's rule is written once, as a pattern source, and compiled both alone (to check one
// value) and into CANONICAL (to read a whole header in one match on the hot path).
// The scheme says lowercase hex, and the real gateway is not known to accept anything else, so
// uppercase is refused here rather than passing locally and failing in production.
const SIGN_SOURCE = "[0-9a-f]{64}";
// Epoch milliseconds: no sign, no leading zeros (one spelling per instant), at most 15 digits so
// the value is always a safe integer (15 digits reach the year 33658).
const TIMESTAMP_SOURCE = "(?:0|[1-9][0-9]{0,14})";
// Printable ASCII without the two delimiters (`,` and `=`); whitespace is not printable here.
const TOKEN_SOURCE = `[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{1,${MAX_TOKEN_LENGTH}}`;

const SIGN = new RegExp(`^${SIGN_SOURCE}$`);
const TIMESTAMP = new RegExp(`^${TIMESTAMP_SOURCE}$`);
const TOKEN = new RegExp(`^${TOKEN_SOURCE}$`);

/**
 * A header exactly as the gateway emits it: the scheme, one space, the four parameters in the
 * gateway's order, each value valid. Groups: appId, sign, timestamp, nonce.
 */
export const CANONICAL: RegExp = new RegExp(
  `^${SCHEME} appId=(${TOKEN_SOURCE}),sign=(${SIGN_SOURCE}),timestamp=(${TIMESTAMP_SOURCE}),nonce=(${TOKEN_SOURCE})$`,
);

/** True when `value` is 64 lowercase hex characters. */
export function isSign(value: unknown): value is string {
  return typeof value === "string" && value.length === 64 && SIGN.test(value);
}

/** True when `value` is epoch milliseconds as the gateway writes them. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === "string" && TIMESTAMP.test(value);
}

function isToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}

/**
 * Why `value` cannot be the named parameter, or undefined when it can. Messages name the rule and
 * the length received, never the value: a sign is a credential for as long as the nonce is fresh.
 */
export function problemWith(key: keyof AuthorizationParts, value: unknown): string | undefined {
  if (typeof value !== "string") return `${key} must be a string, got ${value === null ? "null" : typeof value}`;
  if (value === "") return `${key} is empty`;
  switch (key) {
    case "sign":
      if (isSign(value)) return undefined;
      return /^[0-9a-fA-F]{64}$/.test(value)
        ? "sign must be lowercase hex, as the scheme defines it; got uppercase letters"
        : `sign must be 64 lowercase hex characters (the SHA-256 of the content), got ${describe(value)}`;
    case "timestamp":
      return isTimestamp(value)
        ? undefined
        : "timestamp must be Unix epoch milliseconds as 1 to 15 digits without leading zeros " +
            `(like 1714128828114), got ${describe(value)}`;
    case "appId":
    case "nonce":
      return isToken(value)
        ? undefined
        : `${key} must be 1 to ${MAX_TOKEN_LENGTH} printable ASCII characters without spaces, ` +
            `commas or equals signs, got ${describe(value)}`;
  }
}

function describe(value: string): string {
  const length = `${value.length} character${value.length === 1 ? "" : "s"}`;
  const bad = /[^\x21-\x7e]|[,=]/.exec(value);
  return bad ? `${length} including ${nameOf(bad[0])}` : length;
}

/** A readable name for one character, safe to put in a log line. */
export function nameOf(char: string): string {
  if (char === " ") return "a space";
  if (char === ",") return 'a ","';
  if (char === "=") return 'a "="';
  const code = char.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
