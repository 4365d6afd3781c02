// `gatekit-gateway trigger <scenario>`: creates what a scenario needs through the public API,
// signed as a merchant, drives it to the scenario's outcome through the control API, and prints
// the ids and the notifications the gateway sent.

import { randomBytes } from "node:crypto";
import { CONTROL_FLAGS, CONTROL_HELP, type Io, type Subcommand, parseCommand, printJson, usage } from "./command.js";
import { controlClient, targetOf } from "./control-client.js";
import { MERCHANT_HELP, credentialsOf } from "./merchant.js";
import { notificationsOf, printNotifications } from "./objects.js";
import { type Override, parseOverride, unknownField } from "./overrides.js";
import { publicClient } from "./public-client.js";
import { SCENARIOS, type ScenarioInput, waitForAttempts } from "./scenarios.js";

/** Where notifications go when neither --notify-url nor GATEKIT_NOTIFY_URL says: the demo shop's endpoint. */
export const DEFAULT_NOTIFY_URL = "http://127.0.0.1:3000/gateway/notify";

const HELP = `Usage: gatekit-gateway trigger <scenario> [options]

Creates what the scenario needs through the gateway's public API, signed as a merchant, drives
it to the outcome through the control API, and prints the ids and what was notified.

Scenarios:
${SCENARIOS.map((scenario) => `  ${scenario.name.padEnd(17)}${scenario.summary}`).join("\n")}

Options:
  --notify-url <url>         where the notifications go (env GATEKIT_NOTIFY_URL)
                                                     (default: ${DEFAULT_NOTIFY_URL})
  --amount <amount>          the payment's or payout's amount, such as 100.05     (default: 100.00)
  --currency <code>          ISO 4217 currency                                      (default: INR)
  --override <field=value>   set a field of the scenario's create request (payment/create,
                             refund/create or payout/create); a dotted path reaches nested
                             fields (payer.email=a@b.example); field:=<json> sets JSON. Repeatable
  --no-wait                  do not wait for the first delivery attempt of each notification
${MERCHANT_HELP}
${CONTROL_HELP}
  --json                     print the ids and notifications as JSON
  -h, --help                 show this help
`;

const FLAGS = {
  ...CONTROL_FLAGS,
  json: { type: "boolean" },
  merchant: { type: "string" },
  "notify-url": { type: "string" },
  amount: { type: "string" },
  currency: { type: "string" },
  override: { type: "string", multiple: true },
  "no-wait": { type: "boolean" },
} as const;

/** `gatekit-gateway trigger`. */
export const trigger: Subcommand = {
  name: "trigger",
  summary: "create objects and drive them to an outcome (trigger payment.paid; --help lists all)",
  async run(argv, io) {
    const parsed = parseCommand("trigger", argv, io, { flags: FLAGS, help: HELP, positionals: { min: 1, max: 1 } });
    if (!parsed) return 0;
    const { values } = parsed;
    const name = parsed.positionals[0]!;
    const scenario = SCENARIOS.find((candidate) => candidate.name === name);
    if (!scenario)
      throw usage(
        "trigger",
        `unknown scenario "${name}": use one of ${SCENARIOS.map((candidate) => candidate.name).join(", ")}`,
      );
    const input = inputOf(values, io, scenario.request);
    const target = targetOf("trigger", values, io);
    const control = controlClient(target);
    const credentials = await credentialsOf("trigger", values.merchant, io, control, target);
    const { client } = await publicClient(control, target, credentials);
    const created = await scenario.run({ client, control, target, credentials, input });
    let notifications = [];
    for (const object of created) notifications.push(...(await notificationsOf(control, target, object.id)));
    if (!values["no-wait"]) notifications = await waitForAttempts(control, target, notifications);
    if (values.json) {
      printJson(io, { scenario: name, appId: credentials.appId, objects: created, notifications });
      return 0;
    }
    io.out(`${name}: as merchant ${credentials.appId}\n`);
    for (const object of created)
      io.out(
        `  ${object.kind.padEnd(16)}${object.id} ` +
          `${object.status}${object.merchantNo ? `  (${object.merchantNo})` : ""}\n`,
      );
    printNotifications(io, notifications);
    return 0;
  },
};

function inputOf(
  values: {
    "notify-url"?: string | undefined;
    amount?: string | undefined;
    currency?: string | undefined;
    override?: string[] | undefined;
  },
  io: Io,
  request: string,
): ScenarioInput {
  const notifyUrl = values["notify-url"] ?? (io.env["GATEKIT_NOTIFY_URL"] || DEFAULT_NOTIFY_URL);
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(notifyUrl);
  } catch {
    throw usage("trigger", `--notify-url must be an absolute http(s) URL, got "${notifyUrl}"`);
  }
  const amount = values.amount;
  if (amount !== undefined && !/^\d{1,15}\.\d{2}$/.test(amount))
    throw usage("trigger", `--amount must be an amount with two decimals, such as 100.05, got "${amount}"`);
  const currency = values.currency ?? "INR";
  if (!/^[A-Z]{3}$/.test(currency))
    throw usage("trigger", `--currency must be three capital letters, such as INR, got "${currency}"`);
  const overrides: Override[] = [];
  for (const text of values.override ?? []) {
    const override = parseOverride(text);
    if ("problem" in override) throw usage("trigger", override.problem);
    const problem = unknownField(request, override);
    if (problem !== undefined) throw usage("trigger", `--override ${problem}`);
    overrides.push(override);
  }
  return {
    notifyUrl,
    returnUrl: `${parsedUrl.origin}/checkout/return`,
    amount,
    currency,
    overrides,
    tag: randomBytes(4).toString("hex").toUpperCase(),
  };
}
