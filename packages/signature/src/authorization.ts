// The Authorization header, both ways. Parsing is strict on purpose: it accepts what the gateway
// emits (in any key order) and refuses everything else, so a header that passes here is one the
// real gateway would also read the same way.

import { AuthCode, SignatureError } from "./errors.js";
import { CANONICAL, KEYS, SCHEME, nameOf, problemWith } from "./grammar.js";
import type { AuthorizationParts } from "./types.js";

const PREFIX = `${SCHEME} `;
const SHAPE = "V2_SHA256 appId=<appId>,sign=<sign>,timestamp=<epoch ms>,nonce=<nonce>";

/**
 * Builds the header value `V2_SHA256 appId=…,sign=…,timestamp=…,nonce=…`. Throws a
 * {@link SignatureError} (`Common.Auth.Invalid_Sign`) for a part that would make a header
 * {@link parseAuthorization} refuses, so every header this returns parses back to the same parts.
 */
export function formatAuthorization(parts: AuthorizationParts): string {
  for (const key of KEYS) {
    const problem = problemWith(key, parts[key]);
    if (problem !== undefined) {
      throw new SignatureError(AuthCode.InvalidSign, `Cannot format the Authorization header: ${problem}.`);
    }
  }
  return `${PREFIX}appId=${parts.appId},sign=${parts.sign},timestamp=${parts.timestamp},nonce=${parts.nonce}`;
}

/**
 * Reads a `V2_SHA256` Authorization header value (pass `headers.get("authorization")` as it is).
 * Throws a {@link SignatureError}: `Common.Auth.Authorization_Header_Not_Found` when the header is
 * absent or empty, `Common.Auth.Invalid_Sign` when it is malformed (another scheme, a missing,
 * repeated, unknown or empty parameter, a bad timestamp or sign, any whitespace besides the one
 * space after the scheme). The message says what is wrong without repeating the values.
 */
export function parseAuthorization(header: string | null | undefined): AuthorizationParts {
  // Nearly every header arrives in the gateway's own order: one match reads it. Anything else
  // takes the general path, which also explains what is wrong.
  const match = typeof header === "string" ? CANONICAL.exec(header) : null;
  if (match !== null) return { appId: match[1]!, sign: match[2]!, timestamp: match[3]!, nonce: match[4]! };
  return parseAnyOrder(header);
}

/** The general parser: any key order, and a precise reason for every refusal. */
export function parseAnyOrder(header: string | null | undefined): AuthorizationParts {
  if (header === undefined || header === null || header === "") {
    throw new SignatureError(
      AuthCode.AuthorizationHeaderNotFound,
      `The Authorization header is missing or empty. Send one of the form ${SHAPE}.`,
    );
  }
  if (typeof header !== "string") invalid(`expected the header value as a string, got ${typeof header}`);
  if (!header.startsWith(PREFIX)) invalid(schemeProblem(header));

  const found: Partial<Record<keyof AuthorizationParts, string>> = {};
  const params = header.slice(PREFIX.length);
  const space = /\s/.exec(params);
  if (space) {
    invalid(
      space.index === 0
        ? "more than one space after V2_SHA256"
        : `stray whitespace (${nameOf(space[0])}) at character ${PREFIX.length + space.index + 1}; ` +
            "the only space allowed is the one after V2_SHA256, none after commas",
    );
  }
  if (params === "") invalid("no parameters after V2_SHA256");

  const pairs = params.split(",");
  for (const [index, pair] of pairs.entries()) {
    const position = `parameter ${index + 1} of ${pairs.length}`;
    if (pair === "") invalid(`${position} is empty (a stray comma?)`);
    const equals = pair.indexOf("=");
    if (equals === -1) invalid(`${position} has no "="; parameters are key=value separated by commas`);
    const key = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    if (!isKey(key)) invalid(unknownKey(key, position));
    if (found[key] !== undefined) invalid(`"${key}" appears more than once; send each parameter exactly once`);
    const problem = problemWith(key, value);
    if (problem !== undefined) invalid(problem);
    found[key] = value;
  }

  const missing = KEYS.filter((key) => found[key] === undefined);
  if (missing.length > 0) invalid(`missing ${missing.map((key) => `"${key}"`).join(", ")}`);
  // Every key is present now; rebuilt in the gateway's order so results compare predictably.
  return { appId: found.appId!, sign: found.sign!, timestamp: found.timestamp!, nonce: found.nonce! };
}

function invalid(problem: string): never {
  throw new SignatureError(AuthCode.InvalidSign, `Invalid Authorization header: ${problem}. Expected ${SHAPE}.`);
}

function isKey(key: string): key is keyof AuthorizationParts {
  return (KEYS as readonly string[]).includes(key);
}

function schemeProblem(header: string): string {
  if (/^\s/.test(header)) return "stray whitespace before the scheme";
  const scheme = /^[^\s]*/.exec(header)![0];
  if (scheme === SCHEME)
    return header.length === SCHEME.length ? "no parameters after V2_SHA256" : "use exactly one space after V2_SHA256";
  if (scheme.toUpperCase() === SCHEME) return "the scheme is case-sensitive: write V2_SHA256";
  if (scheme.startsWith(SCHEME)) return "put one space between V2_SHA256 and the parameters";
  // Echo a short, plain scheme word (it helps spot "Bearer"), never anything that could be a token.
  return /^[A-Za-z0-9_-]{1,20}$/.test(scheme) && !scheme.includes("=")
    ? `unsupported scheme "${scheme}"; only V2_SHA256 is accepted`
    : "unsupported scheme; only V2_SHA256 is accepted";
}

function unknownKey(key: string, position: string): string {
  const known = KEYS.find((name) => name.toLowerCase() === key.toLowerCase());
  if (known !== undefined) return `unknown key "${key}" (keys are case-sensitive: write "${known}")`;
  if (key === "") return `${position} has no key before "="`;
  return /^[A-Za-z0-9_-]{1,20}$/.test(key)
    ? `unknown key "${key}"; the keys are appId, sign, timestamp and nonce`
    : `${position} has an unknown key; the keys are appId, sign, timestamp and nonce`;
}
