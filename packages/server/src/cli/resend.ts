// `gatekit-gateway resend`: make a notification due again (same body, freshly signed), or every
// failed one at once after fixing the merchant's endpoint.

import { CONTROL_FLAGS, CONTROL_HELP, type Subcommand, parseCommand, printJson, usage } from "./command.js";
import { type Schemas, call, controlClient, targetOf } from "./control-client.js";
import { shortTime } from "./table.js";

const HELP = `Usage: gatekit-gateway resend <notificationId> [options]
       gatekit-gateway resend --all-failed [options]

Makes a notification due now: the same body, freshly signed, with its own id (so a merchant
that deduplicates still sees one event). A notification whose retries are used up gets one
more attempt. Ids are in the first column of gatekit-gateway deliveries.

Options:
  --all-failed               resend every notification whose retries are used up
${CONTROL_HELP}
  --json                     print the notifications as JSON
  -h, --help                 show this help
`;

const FLAGS = { ...CONTROL_FLAGS, json: { type: "boolean" }, "all-failed": { type: "boolean" } } as const;

/** `gatekit-gateway resend`. */
export const resend: Subcommand = {
  name: "resend",
  summary: "send a notification again (resend <id>), or every failed one (--all-failed)",
  async run(argv, io) {
    const parsed = parseCommand("resend", argv, io, { flags: FLAGS, help: HELP, positionals: { min: 0, max: 1 } });
    if (!parsed) return 0;
    const [id] = parsed.positionals;
    const all = parsed.values["all-failed"] === true;
    if (all === (id !== undefined)) throw usage("resend", "give a notification id or --all-failed (one of them)");
    const target = targetOf("resend", parsed.values, io);
    const client = controlClient(target);
    let ids: string[];
    if (all) {
      const failed = await call(target, "the notification list", () =>
        client.GET("/__gateway/notifications", { params: { query: { status: "failed", limit: 1000 } } }),
      );
      ids = failed.notifications.map((notification) => notification.id);
    } else ids = [id!];
    const resent: Schemas["Notification"][] = [];
    for (const each of ids) {
      resent.push(
        await call(target, `notification ${each}`, () =>
          client.POST("/__gateway/notifications/{id}/resend", { params: { path: { id: each } } }),
        ),
      );
    }
    if (parsed.values.json) {
      printJson(io, resent);
      return 0;
    }
    if (all)
      io.out(
        resent.length === 0
          ? "No failed notifications to resend.\n"
          : `Resent ${resent.length} failed notification${resent.length === 1 ? "" : "s"}.\n`,
      );
    for (const notification of resent) {
      io.out(
        `${notification.id}  ${notification.kind} ${notification.objectNo} -> ${notification.notifyUrl}: ` +
          `due ${shortTime(notification.nextAttemptTime)} (after ${notification.attempts} ` +
          `attempt${notification.attempts === 1 ? "" : "s"})\n`,
      );
    }
    return 0;
  },
};
