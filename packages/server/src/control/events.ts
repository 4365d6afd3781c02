// GET /__gateway/events: the delivery events as server-sent events. Each event is written as
//   id: <n>\nevent: <type>\ndata: <DeliveryEvent JSON>\n\n
// with a comment line every 15 s so proxies keep the connection open. The stream ends when the
// client goes away or the gateway closes (gateway.close() does not wait on open streams).

import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { components } from "../generated/control.js";
import type { GatewayEnv } from "../http/env.js";
import { describeErrors, validatorAt } from "../http/validation.js";
import type { DeliveryEventRecord, DeliveryEvents } from "../notify/events.js";
import { invalid } from "./respond.js";
import { notificationView } from "./views.js";

type Schemas = components["schemas"];

/** What the event stream needs from the gateway. */
export interface EventsDeps {
  readonly events: DeliveryEvents;
  /** Between heartbeat comments; default 15 000. */
  readonly heartbeatMs?: number | undefined;
}

const FILTERS = ["appId", "kind", "status"] as const;
type Filter = Partial<Record<(typeof FILTERS)[number], string>>;

/** The route of `/__gateway/events`. */
export function eventRoutes(deps: EventsDeps): Hono<GatewayEnv> {
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const validators = FILTERS.map(
    (name, index) =>
      [name, validatorAt("control", `/paths/~1__gateway~1events/get/parameters/${index}/schema`)] as const,
  );
  const routes = new Hono<GatewayEnv>();

  routes.get("/", (c) => {
    const filter: Filter = {};
    for (const [name, validate] of validators) {
      const value = c.req.query(name);
      if (value === undefined) continue;
      if (!validate(value)) throw invalid(`${name}: ${describeErrors(validate.errors).replace(/^[^:]*: /, "")}`);
      filter[name] = value;
    }
    c.set("responseCode", "OK");
    return streamSSE(c, async (stream) => {
      const queue: DeliveryEventRecord[] = [];
      let wake: (() => void) | undefined;
      const signal = () => {
        wake?.();
        wake = undefined;
      };
      const unsubscribe = deps.events.subscribe((event) => {
        if (!matches(event, filter)) return;
        queue.push(event);
        signal();
      });
      const stopOnClose = deps.events.onClose(signal);
      stream.onAbort(signal);
      try {
        while (!stream.aborted && !deps.events.closed) {
          const event = queue.shift();
          if (event) {
            await stream.writeSSE({ id: String(event.id), event: event.type, data: JSON.stringify(eventView(event)) });
            continue;
          }
          let timer: ReturnType<typeof setTimeout> | undefined;
          const beat = await new Promise<boolean>((resolve) => {
            wake = () => resolve(false);
            timer = setTimeout(() => resolve(true), heartbeatMs);
          });
          clearTimeout(timer);
          if (beat && !stream.aborted) await stream.write(": heartbeat\n\n");
        }
      } finally {
        unsubscribe();
        stopOnClose();
      }
    });
  });

  return routes;
}

function matches(event: DeliveryEventRecord, filter: Filter): boolean {
  const { notification } = event;
  return (
    (filter.appId === undefined || notification.appId === filter.appId) &&
    (filter.kind === undefined || notification.kind === filter.kind) &&
    (filter.status === undefined || notification.status === filter.status)
  );
}

function eventView(event: DeliveryEventRecord): Schemas["DeliveryEvent"] {
  const notification = notificationView(event.notification, event.attemptLog);
  const attempt = event.attempt && notificationView(event.notification, [event.attempt]).attemptLog[0]!;
  return { type: event.type, notification, attempt };
}
