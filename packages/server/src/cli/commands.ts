// The subcommands of `gatekit-gateway` besides `start`: one entry each. main.ts dispatches on the
// first argument; the top-level help lists them with their summaries.

import { certify } from "./certify.js";
import { clock } from "./clock.js";
import type { Subcommand } from "./command.js";
import { deliveries } from "./deliveries.js";
import { fixtures } from "./fixtures.js";
import { outcome } from "./outcome.js";
import { resend } from "./resend.js";
import { sign } from "./sign-explain.js";
import { trigger } from "./trigger.js";

/** Every subcommand that talks to (or reasons about) a running gateway. */
export const SUBCOMMANDS: readonly Subcommand[] = [
  trigger,
  outcome,
  deliveries,
  resend,
  fixtures,
  clock,
  sign,
  certify,
];

/** The `Commands:` section of the top-level help. */
export function commandsHelp(): string {
  const width = Math.max(...SUBCOMMANDS.map((command) => command.name.length)) + 2;
  const lines = SUBCOMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`);
  return (
    "\nCommands (each with --help; they talk to a running gateway at --url, " +
    `default http://127.0.0.1:8080):\n  ${"start".padEnd(width)}run the gateway (the options above)\n` +
    `${lines.join("\n")}\n`
  );
}
