// The control API's notifications: the ones the gateway sent or will send, with every delivery
// attempt, and a resend of one.

import { Hono } from "hono";
import type { GatewayEnv } from "../http/env.js";
import { describeErrors } from "../http/validation.js";
import type { NotificationStatus } from "../storage/notifications.js";
import type { Tx } from "../storage/store.js";
import type { ControlDeps } from "./deps.js";
import { requestBody, validatorsOfParameters } from "./input.js";
import { controlOk, invalid, notFound } from "./respond.js";
import { notificationView } from "./views.js";

/** /notifications: list, one, and resend. */
export function notificationRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => deps.store.transaction(fn);
  const listParameters = validatorsOfParameters("/paths/~1__gateway~1notifications/get/parameters");

  routes.get("/notifications", async (c) => {
    const query: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(c.req.query())) query[name] = name === "limit" && /^\d+$/.test(value) ? Number(value) : value;
    for (const [name, validate] of listParameters) {
      if (query[name] !== undefined && !validate(query[name])) throw invalid(`${name}: ${describeErrors(validate.errors).replace(/^[^:]*: /, "")}`);
    }
    const filter = {
      ...(query["appId"] !== undefined ? { appId: String(query["appId"]) } : {}),
      ...(query["objectNo"] !== undefined ? { objectNo: String(query["objectNo"]) } : {}),
      ...(query["status"] !== undefined ? { status: query["status"] as NotificationStatus } : {}),
      limit: (query["limit"] as number | undefined) ?? 100,
    };
    const notifications = await tx(async (t) => {
      // One query at a time: a transaction is one database connection.
      const views = [];
      for (const notification of await t.notifications.list(filter)) {
        views.push(notificationView(notification, await t.notifications.attempts(notification.id)));
      }
      return views;
    });
    return controlOk(c, { notifications });
  });

  routes.get("/notifications/:id", async (c) => {
    const id = c.req.param("id");
    return controlOk(c, await tx(async (t) => {
      const notification = await t.notifications.get(id);
      if (!notification) throw notFound("notification", id);
      return notificationView(notification, await t.notifications.attempts(id));
    }));
  });

  routes.post("/notifications/:id/resend", async (c) => {
    await requestBody<Record<string, never>>(c, null);
    const id = c.req.param("id");
    const ctx = deps.context();
    const view = await tx(async (t) => {
      const notification = await t.notifications.resend(id, ctx.now);
      if (!notification) throw notFound("notification", id);
      return notificationView(notification, await t.notifications.attempts(id));
    });
    ctx.notified?.();
    return controlOk(c, view);
  });

  return routes;
}
