// The control API's view of the gateway as a whole: its health, a sweep of everything due, and a
// reset to the merchants of its options.

import { Hono } from "hono";
import type { components } from "../generated/control.js";
import { sweep } from "../domain/expiry.js";
import { resetGateway } from "../domain/merchants.js";
import type { GatewayEnv } from "../http/env.js";
import type { ControlDeps } from "./deps.js";
import { requestBody } from "./input.js";
import { controlOk } from "./respond.js";

type Schemas = components["schemas"];

/** /health, /sweep and /reset. */
export function gatewayRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const { store } = deps;
  const routes = new Hono<GatewayEnv>();

  routes.get("/health", (c) => controlOk(c, { status: "ok", basePath: deps.basePath }));

  routes.post("/sweep", async (c) => {
    await requestBody<Record<string, never>>(c, null);
    return controlOk(c, await sweep(store, deps.context()));
  });

  routes.post("/reset", async (c) => {
    const input = await requestBody<Schemas["ResetRequest"]>(c, "ResetRequest");
    const { now } = deps.context();
    const merchants = await resetGateway(store, deps.merchants, deps.seeds, { all: input.all ?? false, now });
    return controlOk(c, { merchants: merchants.length });
  });

  return routes;
}
