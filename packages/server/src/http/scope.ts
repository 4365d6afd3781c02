// The first middleware of every request: a request id and one log line when it ends. The line
// holds no header, body, secret or signature: method, path, status, code, appId and timing.

import type { MiddlewareHandler } from "hono";
import type { GatewayLogger } from "../logging.js";
import { isWritten } from "./envelope.js";
import type { GatewayEnv } from "./env.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const boot = Date.now().toString(36);
let counter = 0;

/** Assigns the request id (a caller's sane `X-Request-Id` is kept) and logs the request when it ends. */
export function requestScope(logger: GatewayLogger): MiddlewareHandler<GatewayEnv> {
  return async (c, next) => {
    const given = c.req.header("x-request-id");
    const requestId =
      given !== undefined && REQUEST_ID.test(given)
        ? given
        : `${boot}-${((counter = (counter + 1) % 0x7fffffff)).toString(36)}`;
    c.set("requestId", requestId);
    const started = performance.now();
    await next();
    try {
      // The envelope writer put the id in its responses already; the others get it here.
      if (!isWritten(c.res)) c.res.headers.set("x-request-id", requestId);
    } catch {
      // A Response built with immutable headers (Response.redirect) goes out without the id.
    }
    if (logger.isLevelEnabled("info")) {
      logger.info(
        {
          requestId,
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          code: c.get("responseCode"),
          appId: c.get("merchant")?.appId,
          ms: Math.round((performance.now() - started) * 100) / 100,
        },
        "request",
      );
    }
  };
}
