// The test clock on the control API: GET /__gateway/clock reads it, POST moves it forward and
// applies at once whatever became due (as the sweep does) and wakes the delivery worker, so a
// retry that became due is attempted without waiting for the next poll.

import { Hono } from "hono";
import type { TestClock } from "../clock.js";
import type { SweepResult } from "../domain/expiry.js";
import { gatewayTime } from "../domain/views.js";
import type { components } from "../generated/control.js";
import type { GatewayEnv } from "../http/env.js";
import { requestBody } from "./input.js";
import { controlOk } from "./respond.js";

type Schemas = components["schemas"];

/** What the clock routes need from the gateway. */
export interface ClockDeps {
  readonly clock: TestClock;
  /** The gateway's sweep (the same one its timer runs). */
  readonly sweep: () => Promise<SweepResult>;
  /** Wakes the delivery worker; does nothing when the gateway delivers no notifications. */
  readonly wakeWorker: () => void;
}

/** The routes of `/__gateway/clock`. */
export function clockRoutes(deps: ClockDeps): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();

  routes.get("/", async (c) => {
    // Fresh from the store: another instance on the same database may have moved it.
    await deps.clock.refresh();
    return controlOk(c, clockView(deps.clock));
  });

  routes.post("/", async (c) => {
    const input = await requestBody<Schemas["ClockAdvanceRequest"]>(c, "ClockAdvanceRequest");
    await deps.clock.advance(input.advanceMs);
    const swept = await deps.sweep();
    deps.wakeWorker();
    const data: Schemas["ClockAdvanceResponse"]["data"] = { clock: clockView(deps.clock), swept };
    return controlOk(c, data);
  });

  return routes;
}

function clockView(clock: TestClock): Schemas["Clock"] {
  const realNow = clock.realNow();
  const offsetMs = clock.offsetMs();
  return { now: gatewayTime(realNow + offsetMs), realNow: gatewayTime(realNow), offsetMs };
}
