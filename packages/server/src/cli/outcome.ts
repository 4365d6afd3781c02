// `gatekit-gateway outcome <id> <STATUS>`: decide a pending payment's, refund's or payout's
// outcome through the control API, and say what was notified, or why the gateway refused.

import type { Client } from "openapi-fetch";
import type { paths } from "../generated/control.js";
import { CONTROL_FLAGS, CONTROL_HELP, CliError, type Subcommand, parseCommand, printJson, usage } from "./command.js";
import { type Target, call, controlClient, targetOf } from "./control-client.js";
import { OUTCOMES, type ObjectKind, kindOfId, lookUp, notificationsOf, printNotifications } from "./objects.js";

const HELP = `Usage: gatekit-gateway outcome <paymentNo | refundNo | payoutNo> <STATUS> [options]

Decides the outcome of a PENDING object, as the payer, the bank or the payout rail would, and
enqueues its notification. The kind is read from the id (PAY…, RF…, PO…).

  payment   ${OUTCOMES.payment.join(", ")}
  refund    ${OUTCOMES.refund.join(", ")}
  payout    ${OUTCOMES.payout.join(", ")}

Options:
  --error-code <code>        for FAILED payments and payouts, such as Payment.Common.Rejected
  --error-info <text>        for FAILED payments and payouts: the explanation shown
${CONTROL_HELP}
  --json                     print the control API's data as JSON
  -h, --help                 show this help
`;

const FLAGS = {
  ...CONTROL_FLAGS,
  json: { type: "boolean" },
  "error-code": { type: "string" },
  "error-info": { type: "string" },
} as const;

/** `gatekit-gateway outcome`. */
export const outcome: Subcommand = {
  name: "outcome",
  summary: "decide a pending payment's, refund's or payout's outcome (outcome PAY… PAID)",
  async run(argv, io) {
    const parsed = parseCommand("outcome", argv, io, { flags: FLAGS, help: HELP, positionals: { min: 2, max: 2 } });
    if (!parsed) return 0;
    const [id, status] = parsed.positionals as [string, string];
    const kind = kindOfId(id);
    if (kind === undefined)
      throw usage("outcome", `"${id}" is not a paymentNo (PAY…), refundNo (RF…) or payoutNo (PO…)`);
    const wanted = status.toUpperCase();
    if (!OUTCOMES[kind].includes(wanted))
      throw usage("outcome", `a ${kind} can be moved to ${OUTCOMES[kind].join(", ")}, not "${status}"`);
    const errorCode = parsed.values["error-code"];
    const errorInfo = parsed.values["error-info"];
    if ((errorCode !== undefined || errorInfo !== undefined) && (kind === "refund" || wanted !== "FAILED")) {
      throw usage("outcome", "--error-code and --error-info go with FAILED payments and payouts only");
    }
    const target = targetOf("outcome", parsed.values, io);
    const client = controlClient(target);
    const result = await decide(client, target, { kind, id, status: wanted, errorCode, errorInfo });
    if (parsed.values.json) {
      printJson(io, result);
      return 0;
    }
    io.out(`${kind} ${id} is ${wanted}${result.changed ? "" : " (it already was: nothing changed)"}\n`);
    printNotifications(io, await notificationsOf(client, target, id));
    return 0;
  },
};

/** What to decide. */
export interface Decision {
  readonly kind: ObjectKind;
  readonly id: string;
  readonly status: string;
  readonly errorCode?: string | undefined;
  readonly errorInfo?: string | undefined;
}

/** Calls the outcome endpoint of `decision.kind`; a refusal names the status the object already has. */
export async function decide(
  client: Client<paths>,
  target: Target,
  decision: Decision,
): Promise<{ changed: boolean; data: unknown }> {
  const { kind, id } = decision;
  const failure = {
    ...(decision.errorCode === undefined ? {} : { errorCode: decision.errorCode }),
    ...(decision.errorInfo === undefined ? {} : { errorInfo: decision.errorInfo }),
  };
  try {
    if (kind === "payment") {
      const status = decision.status as "PAID" | "FAILED" | "CLOSED";
      const data = await call(target, `payment ${id}`, () =>
        client.POST("/__gateway/payments/{paymentNo}/outcome", {
          params: { path: { paymentNo: id } },
          body: { status, ...failure },
        }),
      );
      return { changed: data.changed, data };
    }
    // Refunds and payouts answer the same status twice with OK: whether it changed is read first.
    const before = await lookUp(client, target, id);
    if (kind === "refund") {
      const status = decision.status as "REFUNDED" | "FAILED";
      const data = await call(target, `refund ${id}`, () =>
        client.POST("/__gateway/refunds/{refundNo}/outcome", { params: { path: { refundNo: id } }, body: { status } }),
      );
      if (data.refund["status"] !== status) {
        throw new CliError(
          `refund ${id} became ${String(data.refund["status"])}, not ${status}: ` +
            `${data.failureReason ?? "the gateway decided otherwise"}`,
        );
      }
      return { changed: before.status !== status, data };
    }
    const status = decision.status as "PAID" | "FAILED";
    const data = await call(target, `payout ${id}`, () =>
      client.POST("/__gateway/payouts/{payoutNo}/outcome", {
        params: { path: { payoutNo: id } },
        body: { status, ...failure },
      }),
    );
    return { changed: before.status !== status, data };
  } catch (error) {
    if (error instanceof CliError && error.message.startsWith("refused:")) {
      throw new CliError(
        `${error.message}. A finished ${kind} keeps its status; ` +
          "create a new one to try another outcome (gatekit-gateway trigger --help)",
      );
    }
    throw error;
  }
}
