// Response verification: the gateway signs its responses, and the signature is checked over the
// raw bytes before anything parses them, so a body that becomes data is the gateway's own.

import { type AuthorizationParts, checkClock, parseAuthorization } from "@gatekit/signature";
import type { SignatureStatus } from "./hooks.js";
import type { Signature } from "./signing.js";

/** The verdict on a response's signature, as the onResponse hook reports it. */
export interface SignatureCheck {
  readonly status: SignatureStatus;
  /** Why the body cannot be trusted; undefined when it can (or when not checked). */
  readonly problem?: string | undefined;
}

/** The verdict when verification is switched off. */
export const SKIPPED: SignatureCheck = { status: "skipped" };
const VERIFIED: SignatureCheck = { status: "verified" };

const MISMATCH: SignatureCheck = {
  status: "invalid",
  problem:
    "its signature does not match its body: the body was altered on the way, " +
    "or appSecret is not the one this gateway environment uses.",
};

/**
 * The checks of the gateway's response signature that need no hash: present, well-formed, for
 * this appId, and within the gateway's clock window (which bounds how long a recorded response
 * could be replayed). Returns the parts to verify, or the verdict. The sign itself covers the
 * same content as a request's, with the request's method and URL, the response's own timestamp
 * and nonce, and the raw response body. Problems are described without repeating any value.
 */
function inspectSignature(
  header: string | null,
  appId: string,
): SignatureCheck | { readonly parts: AuthorizationParts } {
  if (header === null || header === "") {
    return {
      status: "missing",
      problem:
        "it has no signature (Authorization header). If this gateway environment " +
        "does not sign responses, pass verifyResponseSignature: false; " +
        "otherwise something between you and the gateway is answering in its place.",
    };
  }
  let parts: AuthorizationParts;
  try {
    parts = parseAuthorization(header);
  } catch (error) {
    return { status: "invalid", problem: `its signature header is malformed (${(error as Error).message})` };
  }
  if (parts.appId !== appId) {
    return {
      status: "invalid",
      problem: "it is signed for another appId; check that baseUrl is the gateway environment this appId belongs to.",
    };
  }
  const clock = checkClock(parts.timestamp);
  if (!clock.ok) {
    const skew =
      "skewMs" in clock
        ? ` (${Math.round(Math.abs(clock.skewMs) / 1000)} s ${clock.skewMs < 0 ? "old" : "ahead"})`
        : "";
    return {
      status: "invalid",
      problem:
        `its signature timestamp is outside the 5-minute window${skew}: ` +
        `a replayed response, or this machine's clock is off (sync it with NTP).`,
    };
  }
  return { parts };
}

/** Who asked what: the response's signature covers the request's method and URL with its own body. */
export interface SignedExchange {
  readonly appId: string;
  readonly appSecret: string;
  readonly method: string;
  readonly url: string;
}

/**
 * The verdict on a response's signature (its Authorization header) over `body`. A promise only
 * when `signature.verify` returns one: the synchronous Node path stays free of awaits.
 */
export function checkResponseSignature(
  signature: Signature,
  exchange: SignedExchange,
  header: string | null,
  body: Uint8Array<ArrayBuffer>,
): SignatureCheck | Promise<SignatureCheck> {
  const check = inspectSignature(header, exchange.appId);
  if (!("parts" in check)) return check;
  const { timestamp, nonce, sign } = check.parts;
  const verifying = signature.verify({ ...exchange, timestamp, nonce, sign, body });
  return verifying instanceof Promise ? verifying.then(verdict) : verdict(verifying);
}

function verdict(matches: boolean): SignatureCheck {
  return matches ? VERIFIED : MISMATCH;
}
