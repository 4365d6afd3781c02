// Who may use the control API. With a token: anyone who sends it as a Bearer token (compared in
// constant time). Without one: loopback clients only, since the API can move money around and
// reveal every merchant's activity. In-process calls (no socket) count as loopback.

import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { GatewayEnv } from "../http/env.js";
import { controlError } from "./respond.js";

/** The guard in front of every control route. */
export function controlGuard(token: string | null): MiddlewareHandler<GatewayEnv> {
  const expected = token === null ? null : digest(token);
  return async (c, next) => {
    if (expected !== null) {
      const header = c.req.header("authorization") ?? "";
      const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : null;
      if (given === null || !timingSafeEqual(digest(given), expected)) {
        c.header("www-authenticate", 'Bearer realm="gatekit-gateway control"');
        return controlError(
          c,
          401,
          "Control.Common.Unauthorized",
          "send Authorization: Bearer <token> with the gateway's control token",
        );
      }
    } else {
      // In-process calls have no env at all, whatever the type says.
      const address = (c.env as GatewayEnv["Bindings"] | undefined)?.incoming?.socket?.remoteAddress;
      if (address !== undefined && !isLoopback(address)) {
        return controlError(
          c,
          403,
          "Control.Common.Forbidden",
          "the control API answers loopback clients only; " +
            "start the gateway with a control token to use it from another address",
        );
      }
    }
    await next();
  };
}

/** Whether an address is the local machine (127.0.0.0/8, ::1, or IPv4 loopback mapped into IPv6). */
export function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

// Equal-length digests let timingSafeEqual compare tokens of any length without leaking it.
function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
