// `gatekit-gateway deliveries`: the notification outbox as a table, or `--follow` to watch every
// attempt as it happens through the control API's event stream (GET /__gateway/events).

import {
  CONTROL_FLAGS,
  CONTROL_HELP,
  CliError,
  type Io,
  type Subcommand,
  parseCommand,
  printJson,
  usage,
} from "./command.js";
import { type Schemas, type Target, call, controlClient, refusal, targetOf, unreachable } from "./control-client.js";
import { serverSentEvents } from "./sse.js";
import { formatTable, shortTime } from "./table.js";

const STATUSES = ["pending", "delivered", "failed"] as const;
const KINDS = ["payment", "refund", "payout"] as const;

const HELP = `Usage: gatekit-gateway deliveries [options]

The gateway's notifications, newest first: id, kind, object, status, attempts, the last
attempt's HTTP status and latency, and when the next attempt is due.

Options:
  --follow, -f               stay connected and print every notification enqueued, attempted or
                             resent from now on, as it happens (Ctrl-C stops)
  --status <status>          only ${STATUSES.join(", ")}
  --kind <kind>              only ${KINDS.join(", ")}
  --object <id>              only the notifications of this paymentNo, refundNo or payoutNo
  --app-id <appId>           only this merchant's
  --limit <n>                at most this many (1 to 1000)                    (default: 100)
${CONTROL_HELP}
  --json                     print JSON (with --follow: one DeliveryEvent per line)
  -h, --help                 show this help
`;

const FLAGS = {
  ...CONTROL_FLAGS,
  json: { type: "boolean" },
  follow: { type: "boolean", short: "f" },
  status: { type: "string" },
  kind: { type: "string" },
  object: { type: "string" },
  "app-id": { type: "string" },
  limit: { type: "string" },
} as const;

/** `gatekit-gateway deliveries`. */
export const deliveries: Subcommand = {
  name: "deliveries",
  summary: "the notification deliveries as a table; --follow watches attempts as they happen",
  async run(argv, io) {
    const parsed = parseCommand("deliveries", argv, io, { flags: FLAGS, help: HELP, positionals: { min: 0, max: 0 } });
    if (!parsed) return 0;
    const { values } = parsed;
    const status = oneOf("--status", values.status, STATUSES);
    const kind = oneOf("--kind", values.kind, KINDS);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !/^\d+$/.test(values.limit ?? "1"))
      throw usage("deliveries", `--limit must be a whole number from 1 to 1000, got "${values.limit}"`);
    const target = targetOf("deliveries", values, io);
    const filter = { status, kind, appId: values["app-id"], objectNo: values.object };
    if (values.follow) return follow(target, filter, io, values.json === true);
    const client = controlClient(target);
    const list = await call(target, "the notification list", () =>
      client.GET("/__gateway/notifications", {
        params: {
          query: {
            limit: kind === undefined ? limit : 1000,
            ...(status ? { status } : {}),
            ...(filter.appId ? { appId: filter.appId } : {}),
            ...(filter.objectNo ? { objectNo: filter.objectNo } : {}),
          },
        },
      }),
    );
    // The list endpoint filters by status, merchant and object; the kind is filtered here.
    const notifications = list.notifications
      .filter((notification) => kind === undefined || notification.kind === kind)
      .slice(0, limit);
    if (values.json) printJson(io, notifications);
    else if (notifications.length === 0) io.out("No notifications yet.\n");
    else io.out(deliveryTable(notifications));
    return 0;
  },
};

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw usage("deliveries", `${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

/** The table of notifications `deliveries` prints. */
export function deliveryTable(notifications: readonly Schemas["Notification"][]): string {
  return formatTable(
    ["ID", "KIND", "OBJECT", "STATUS", "ATTEMPTS", "LAST", "NEXT ATTEMPT"],
    notifications.map((notification) => {
      const last = notification.attemptLog.at(-1);
      return [
        notification.id,
        notification.kind,
        notification.objectNo,
        notification.status,
        String(notification.attempts),
        last ? `${last.httpStatus ?? last.outcome} ${Math.round(last.durationMs)}ms` : "-",
        notification.status === "pending" ? shortTime(notification.nextAttemptTime) : "-",
      ];
    }),
  );
}

interface Filter {
  readonly status: string | undefined;
  readonly kind: string | undefined;
  readonly appId: string | undefined;
  readonly objectNo: string | undefined;
}

// A stream that drops is reopened this many times, a second apart, before giving up.
const RECONNECTS = 5;

async function follow(target: Target, filter: Filter, io: Io, json: boolean): Promise<number> {
  const stop = new AbortController();
  const interrupted = new Promise<number>((resolve) => {
    process.once("SIGINT", () => {
      stop.abort();
      resolve(0);
    });
  });
  const query = new URLSearchParams();
  if (filter.status) query.set("status", filter.status);
  if (filter.kind) query.set("kind", filter.kind);
  if (filter.appId) query.set("appId", filter.appId);
  const url = `${target.url}/__gateway/events${query.size ? `?${query}` : ""}`;
  const headers: Record<string, string> = { accept: "text/event-stream" };
  if (target.controlToken !== undefined) headers["authorization"] = `Bearer ${target.controlToken}`;

  const watch = async (): Promise<number> => {
    let failures = 0;
    let opened = false;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: stop.signal });
      } catch (error) {
        if (stop.signal.aborted) return 0;
        if (!opened) throw unreachable(target, error);
        if (++failures > RECONNECTS)
          throw new CliError(
            `the event stream of ${target.url} ended and the gateway does not answer any more: ` +
              "start it again, then rerun deliveries --follow",
          );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      if (!response.ok)
        throw refusal(target, "an event stream", response.status, await response.json().catch(() => undefined));
      if (!opened && !json) io.err(`Following the deliveries of ${target.url} (Ctrl-C stops).\n`);
      opened = true;
      failures = 0;
      try {
        for await (const message of serverSentEvents(response.body!)) {
          const event = JSON.parse(message.data) as Schemas["DeliveryEvent"];
          if (filter.objectNo !== undefined && event.notification.objectNo !== filter.objectNo) continue;
          io.out(json ? `${JSON.stringify(event)}\n` : eventLine(event));
        }
      } catch (error) {
        if (stop.signal.aborted) return 0;
        if (error instanceof SyntaxError)
          throw new CliError(
            `the event stream of ${target.url} sent an event that is not JSON: is --url a Gatekit gateway's origin?`,
          );
      }
      if (stop.signal.aborted) return 0;
    }
  };
  return Promise.race([interrupted, watch()]);
}

/** One line for one event of the stream. */
export function eventLine(event: Schemas["DeliveryEvent"]): string {
  const { notification, attempt } = event;
  const head = `${notification.id}  ${notification.kind} ${notification.objectNo}`;
  const next = notification.status === "pending" ? `, next attempt ${shortTime(notification.nextAttemptTime)}` : "";
  if (event.type === "attempt" && attempt) {
    const answer = attempt.httpStatus === null ? attempt.outcome : `HTTP ${attempt.httpStatus} ${attempt.outcome}`;
    const detail = attempt.outcome === "acknowledged" ? "" : `  (${attempt.detail})`;
    return (
      `attempt   ${head}  #${attempt.attempt} ${answer} in ${Math.round(attempt.durationMs)}ms ` +
      `-> ${notification.status}${next}${detail}\n`
    );
  }
  return `${event.type.padEnd(8)}  ${head}  -> ${notification.notifyUrl}: ${notification.status}${next}\n`;
}
