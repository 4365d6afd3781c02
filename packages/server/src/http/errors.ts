// The answers the gateway gives when no operation does: unknown paths (404), other methods (405)
// and faults (500). Each is an envelope; a fault never shows its internals, only a request id
// to find them in the log.

import { ResponseCodes } from "@gatekit/types";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { GatewayLogger } from "../logging.js";
import { refuse } from "./envelope.js";
import type { GatewayEnv } from "./env.js";

/** 404 with `Common.Not_Found`, saying where the operations are. */
export function notFound(basePath: string): NotFoundHandler<GatewayEnv> {
  return (c) =>
    refuse(
      c,
      404,
      ResponseCodes.NotFound,
      `no operation at ${truncate(c.req.path)}; ` +
        `operations are POST <base URL>/v2/<resource>/<action>, and the base URL includes ${basePath || "no prefix"}`,
    );
}

/** 405 with `Common.Method_Not_Allowed`. */
export function methodNotAllowed(c: Context<GatewayEnv>): Response {
  c.header("allow", "POST");
  return refuse(
    c,
    405,
    ResponseCodes.MethodNotAllowed,
    `${truncate(c.req.method)} is not allowed; every operation is POST`,
  );
}

/** 500 with `Common.Internal_Error`; the error itself goes to the log only. */
export function internalError(logger: GatewayLogger): ErrorHandler<GatewayEnv> {
  return (error, c) => {
    const requestId = c.get("requestId");
    logger.error(
      {
        requestId,
        err: { type: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack },
      },
      "request failed",
    );
    return refuse(
      c,
      500,
      ResponseCodes.InternalError,
      `internal error, request id ${requestId}; the outcome is unknown: ` +
        `retry a create with the same key and content, or query`,
    );
  };
}

function truncate(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}
