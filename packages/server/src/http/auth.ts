// Authentication exactly as the real gateway does it: the Authorization header, the appId, the
// clock window, the signature over the URL the client used and the exact body bytes, and the
// merchant's permission for the operation. Each failure is HTTP 401 with its Common.Auth.* code.
// The nonce is checked last, inside the request's own transaction (see api.ts), so that recording
// it and the request's effects commit together.

import { type ApiOperationId, ResponseCodes } from "@gatekit/types";
import { checkClock, isSignatureError, parseAuthorization, verifySync } from "@gatekit/signature/node";
import type { MiddlewareHandler } from "hono";
import { readBody } from "./body.js";
import type { HttpDeps } from "./deps.js";
import { signatureMismatchMessage } from "./forensics.js";
import { refuse } from "./envelope.js";
import type { GatewayEnv } from "./env.js";
import { signedUrlOf } from "./urls.js";

/** The middleware that authenticates a request to `operationId` and reads its body. */
export function authenticate(deps: HttpDeps, operationId: ApiOperationId): MiddlewareHandler<GatewayEnv> {
  const windowSeconds = Math.round(deps.clockToleranceMs / 1000);
  return async (c, next) => {
    let parts;
    try {
      parts = parseAuthorization(c.req.header("authorization"));
    } catch (error) {
      if (isSignatureError(error)) return refuse(c, 401, error.code, error.message);
      throw error;
    }
    const merchant = deps.merchants.get(parts.appId);
    if (!merchant) {
      return refuse(
        c,
        401,
        ResponseCodes.AppIdNotFound,
        `no merchant has appId ${parts.appId}; check the appId and the environment (sandbox or production)`,
      );
    }
    c.set("merchant", merchant);
    if (merchant.disabled) {
      return refuse(c, 401, ResponseCodes.InvalidAppId, `appId ${merchant.appId} is disabled; contact the gateway`);
    }
    const clock = checkClock(parts.timestamp, { now: deps.now(), toleranceMs: deps.clockToleranceMs });
    if (!clock.ok) {
      if (clock.reason === "malformed")
        return refuse(
          c,
          401,
          ResponseCodes.InvalidSign,
          "Invalid Authorization header: the timestamp is not epoch milliseconds.",
        );
      const seconds = Math.round(Math.abs(clock.skewMs) / 1000);
      return refuse(
        c,
        401,
        ResponseCodes.SignTimeout,
        `timestamp ${parts.timestamp} is ${seconds} s ${clock.reason === "too_old" ? "behind" : "ahead of"} ` +
          `the gateway clock, outside the ±${windowSeconds} s window; sync your clock (NTP) and sign every ` +
          `request with the current time`,
      );
    }

    const body = await readBody(c.req.raw);
    if (body === null) return refuse(c, 413, ResponseCodes.PayloadTooLarge, "the request body exceeds 1048576 bytes");

    const url = signedUrlOf(c.req.url, deps.publicUrl);
    c.set("signedUrl", url);
    const valid = verifySync({
      appId: parts.appId,
      appSecret: merchant.appSecret,
      method: c.req.method,
      url,
      timestamp: parts.timestamp,
      nonce: parts.nonce,
      body,
      sign: parts.sign,
    });
    if (!valid) {
      const input = {
        appId: parts.appId,
        appSecret: merchant.appSecret,
        method: c.req.method,
        url,
        timestamp: parts.timestamp,
        nonce: parts.nonce,
        body,
        sign: parts.sign,
      };
      const request = {
        requestUrl: c.req.url,
        header: (name: string) => c.req.header(name),
        basePath: deps.basePath,
        publicUrl: deps.publicUrl,
      };
      return refuse(c, 401, ResponseCodes.SignFailed, signatureMismatchMessage(input, request));
    }
    if (merchant.operations !== null && !merchant.operations.includes(operationId)) {
      return refuse(
        c,
        401,
        ResponseCodes.AuthFailed,
        `appId ${merchant.appId} may not call ${operationId}; ask the gateway to enable it for your appId`,
      );
    }
    c.set("auth", { merchant, nonce: parts.nonce, timestamp: Number(parts.timestamp), body });
    await next();
  };
}
