// The control API's notifications: the ones the gateway sent or will send, with every delivery
// attempt, and a resend of one.

import { Hono } from "hono";
import {
  findNotification,
  listNotifications,
  type NotificationFilter,
  resendNotification,
} from "../domain/notification-log.js";
import type { GatewayEnv } from "../http/env.js";
import { describeErrors } from "../http/validation.js";
import type { ControlDeps } from "./deps.js";
import { requestBody, validatorsOfParameters } from "./input.js";
import { controlOk, invalid, notFound } from "./respond.js";
import { loggedNotificationView } from "./views.js";

type NotificationStatus = NonNullable<NotificationFilter["status"]>;

/** /notifications: list, one, and resend. */
export function notificationRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const { store } = deps;
  const listParameters = validatorsOfParameters("/paths/~1__gateway~1notifications/get/parameters");

  routes.get("/notifications", async (c) => {
    const query: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(c.req.query()))
      query[name] = name === "limit" && /^\d+$/.test(value) ? Number(value) : value;
    for (const [name, validate] of listParameters) {
      if (query[name] !== undefined && !validate(query[name]))
        throw invalid(`${name}: ${describeErrors(validate.errors).replace(/^[^:]*: /, "")}`);
    }
    const filter: NotificationFilter = {
      ...(query["appId"] !== undefined ? { appId: String(query["appId"]) } : {}),
      ...(query["objectNo"] !== undefined ? { objectNo: String(query["objectNo"]) } : {}),
      ...(query["status"] !== undefined ? { status: query["status"] as NotificationStatus } : {}),
      limit: (query["limit"] as number | undefined) ?? 100,
    };
    const notifications = await listNotifications(store, filter);
    return controlOk(c, { notifications: notifications.map(loggedNotificationView) });
  });

  routes.get("/notifications/:id", async (c) => {
    const id = c.req.param("id");
    const logged = await findNotification(store, id);
    if (!logged) throw notFound("notification", id);
    return controlOk(c, loggedNotificationView(logged));
  });

  routes.post("/notifications/:id/resend", async (c) => {
    await requestBody<Record<string, never>>(c, null);
    const id = c.req.param("id");
    const logged = await resendNotification(store, deps.context(), id);
    if (!logged) throw notFound("notification", id);
    return controlOk(c, loggedNotificationView(logged));
  });

  return routes;
}
