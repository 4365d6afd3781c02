// The control API (spec/control.yaml) under /__gateway: look at and steer the gateway's state.
// Request bodies and query parameters are validated against spec/control.yaml, like the public
// API against its contract. Every change runs through the same domain functions as the public
// API and the checkout page, so the control API can do nothing the gateway's rules forbid.
// This is where the routes of each concept are mounted, behind one guard and one error handler.

import { Hono } from "hono";
import { isGatewayError, StateConflict } from "../domain/errors.js";
import type { GatewayEnv } from "../http/env.js";
import { clockRoutes } from "./clock.js";
import type { ControlDeps } from "./deps.js";
import { eventRoutes } from "./events.js";
import { gatewayRoutes } from "./gateway.js";
import { controlGuard } from "./guard.js";
import { merchantRoutes } from "./merchants.js";
import { notificationRoutes } from "./notifications.js";
import { outcomeRoutes } from "./outcomes.js";
import { ControlError, controlError } from "./respond.js";

export type { ControlDeps } from "./deps.js";

/** The control API's routes, to mount at `/__gateway`. */
export function controlRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const control = new Hono<GatewayEnv>();
  control.use("*", controlGuard(deps.controlToken));
  control.onError((error, c) => {
    if (error instanceof ControlError) return controlError(c, error.status, error.code, error.message);
    if (error instanceof StateConflict) return controlError(c, 409, "Control.Common.Conflict", error.message);
    if (isGatewayError(error))
      return controlError(
        c,
        error.code.endsWith(".Not_Found") ? 404 : 409,
        error.code.endsWith(".Not_Found") ? "Control.Common.Not_Found" : "Control.Common.Conflict",
        error.message,
      );
    deps.logger.error(
      { requestId: c.get("requestId"), err: { type: error.name, message: error.message, stack: error.stack } },
      "control request failed",
    );
    return controlError(c, 500, "Control.Common.Internal_Error", `internal error, request id ${c.get("requestId")}`);
  });

  // One line per concept; each module's routes carry their full paths below /__gateway.
  control.route("/", gatewayRoutes(deps));
  control.route("/", merchantRoutes(deps));
  control.route("/", outcomeRoutes(deps));
  control.route("/", notificationRoutes(deps));
  control.route("/clock", clockRoutes(deps));
  control.route("/events", eventRoutes(deps));

  control.all("*", (c) =>
    controlError(
      c,
      404,
      "Control.Common.Not_Found",
      `no control route ${c.req.method} ${c.req.path.slice(0, 100)}; see spec/control.yaml`,
    ),
  );
  return control;
}
