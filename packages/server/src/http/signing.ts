// Response signing: every envelope response to a request that names a known merchant carries an
// Authorization header over the exact bytes sent, with the request's method and URL and the
// response's own timestamp and nonce. A response to a request that names no known merchant
// cannot be signed (there is no secret to sign with) and goes without.

import { randomFillSync } from "node:crypto";
import { formatAuthorization, parseAuthorization, signSync } from "@gatekit/signature/node";
import type { Context, MiddlewareHandler } from "hono";
import type { HttpDeps } from "./deps.js";
import type { GatewayEnv } from "./env.js";
import { signedUrlOf } from "./urls.js";

/**
 * The middleware that gives the request its response signer; put it before every route. The
 * envelope writer (envelope.ts) signs with it while it builds the response, so the signature is
 * over the exact text sent.
 */
export function signResponses(deps: Pick<HttpDeps, "merchants" | "now" | "publicUrl">): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    c.set("signer", (body) => authorizationFor(c, body, deps));
    await next();
  };
}

// The response's Authorization header over `body`, or undefined when no merchant is known.
function authorizationFor(
  c: Context<GatewayEnv>,
  body: string,
  deps: Pick<HttpDeps, "merchants" | "now" | "publicUrl">,
): string | undefined {
  const merchant = c.get("merchant") ?? merchantNamedBy(c.req.header("authorization"), deps);
  if (!merchant) return undefined;
  const timestamp = String(deps.now());
  const nonce = responseNonce();
  const url = c.get("signedUrl") ?? signedUrlOf(c.req.url, deps.publicUrl);
  const sign = signSync({
    appId: merchant.appId,
    appSecret: merchant.appSecret,
    method: c.req.method,
    url,
    timestamp,
    nonce,
    body,
  });
  return formatAuthorization({ appId: merchant.appId, sign, timestamp, nonce });
}

// For responses given before authentication looked the merchant up (404, 405).
function merchantNamedBy(header: string | undefined, deps: Pick<HttpDeps, "merchants">) {
  if (header === undefined || !header.startsWith("V2_SHA256 ")) return undefined;
  try {
    return deps.merchants.get(parseAuthorization(header).appId);
  } catch {
    return undefined;
  }
}

// Response nonces: 32 lowercase hex characters (128 bits from the CSPRNG), like createNonce from
// @gatekit/signature, but cut from a pool filled 256 nonces at a time: one CSPRNG call per
// response was a measurable share of a request's time.
const POOL_NONCES = 256;
const pool = Buffer.alloc(16 * POOL_NONCES);
let next = POOL_NONCES;

function responseNonce(): string {
  if (next === POOL_NONCES) {
    randomFillSync(pool);
    next = 0;
  }
  const offset = 16 * next++;
  return pool.toString("hex", offset, offset + 16);
}
