// `gatekit-gateway clock`: read the gateway's test clock, or move it forward so expiry, refund and
// payout completion and notification retries happen now instead of in hours.

import { CONTROL_FLAGS, CONTROL_HELP, type Io, type Subcommand, parseCommand, printJson, usage } from "./command.js";
import { type Schemas, call, controlClient, targetOf } from "./control-client.js";
import { formatDuration, parseDuration } from "./duration.js";
import { shortTime } from "./table.js";

const HELP = `Usage: gatekit-gateway clock [show] [options]
       gatekit-gateway clock advance <duration> [options]

Reads the gateway's test clock, or moves it forward. The gateway then applies everything that
became due (expired payments close, refunds and payouts complete) and attempts the notification
retries that became due at once. Request signatures stay on real time: a moved clock never
opens a replay window. The clock never moves back.

  <duration>                 whole numbers with units, largest first: 90s, 2h, 1d, 1h30m, 250ms

Options:
${CONTROL_HELP}
  --json                     print the control API's data as JSON
  -h, --help                 show this help
`;

const FLAGS = { ...CONTROL_FLAGS, json: { type: "boolean" } } as const;

/** `gatekit-gateway clock`. */
export const clock: Subcommand = {
  name: "clock",
  summary: "read the gateway's test clock, or move it forward (clock advance 2h)",
  async run(argv, io) {
    const parsed = parseCommand("clock", argv, io, { flags: FLAGS, help: HELP, positionals: { min: 0, max: 2 } });
    if (!parsed) return 0;
    const [action = "show", duration] = parsed.positionals;
    const target = targetOf("clock", parsed.values, io);
    const client = controlClient(target);
    if (action === "show") {
      if (duration !== undefined) throw usage("clock", `unexpected argument "${duration}"`);
      const now = await call(target, "a test clock", () => client.GET("/__gateway/clock"));
      if (parsed.values.json) printJson(io, now);
      else printClock(io, now);
      return 0;
    }
    if (action !== "advance")
      throw usage("clock", `unknown action "${action}": use clock show or clock advance <duration>`);
    if (duration === undefined) throw usage("clock", "clock advance needs a duration, such as 2h or 1h30m");
    const advanceMs = parseDuration(duration);
    if (typeof advanceMs !== "number") throw usage("clock", advanceMs.problem);
    if (advanceMs < 1) throw usage("clock", "the clock only moves forward: give a duration above 0");
    const result = await call(target, "a test clock", () => client.POST("/__gateway/clock", { body: { advanceMs } }));
    if (parsed.values.json) {
      printJson(io, result);
      return 0;
    }
    io.out(`Advanced the clock by ${formatDuration(advanceMs)}.\n`);
    printClock(io, result.clock);
    const { payments, refunds, payouts } = result.swept;
    io.out(
      `  moved           ${payments} payment${payments === 1 ? "" : "s"}, ` +
        `${refunds} refund${refunds === 1 ? "" : "s"}, ${payouts} payout${payouts === 1 ? "" : "s"}\n`,
    );
    return 0;
  },
};

function printClock(io: Io, now: Schemas["Clock"]): void {
  io.out(
    `  gateway now     ${shortTime(now.now)}\n  real now        ${shortTime(now.realNow)}\n` +
      `  advanced by     ${formatDuration(now.offsetMs)}\n`,
  );
}
