// Control API responses: the same envelope as the public API, not signed (no merchant secret is
// involved), with Control.Common.* codes and plain HTTP statuses.

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { components } from "../generated/control.js";
import type { GatewayEnv } from "../http/env.js";

/** The codes of the control API: the ControlCode enum of spec/control.yaml, so a new code is a contract change. */
export type ControlCode = components["schemas"]["ControlCode"];

/** `OK` with `data`. */
export function controlOk(c: Context<GatewayEnv>, data: unknown): Response {
  c.set("responseCode", "OK");
  return c.json({ code: "OK", errorMessage: null, data }, 200);
}

/** A failure with its code and status; `data` is null. */
export function controlError(
  c: Context<GatewayEnv>,
  status: ContentfulStatusCode,
  code: ControlCode,
  errorMessage: string,
): Response {
  c.set("responseCode", code);
  return c.json({ code, errorMessage, data: null }, status);
}

/** A control API failure thrown from a route; the routes' error handler answers it. */
export class ControlError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ControlCode;

  constructor(status: ContentfulStatusCode, code: ControlCode, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** 404 for an unknown object. */
export function notFound(what: string, id: string): ControlError {
  return new ControlError(404, "Control.Common.Not_Found", `no ${what} ${id}`);
}

/** 400 for a malformed call. */
export function invalid(message: string): ControlError {
  return new ControlError(400, "Control.Common.Invalid_Request", message);
}
