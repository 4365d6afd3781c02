// Structured logs with pino. Secrets never reach a log line: nothing logs headers or bodies, and
// the redaction below catches any field that would carry a secret by mistake.

import { type LevelWithSilent, type Logger, pino } from "pino";

/** The gateway's logger: a pino logger. */
export type GatewayLogger = Logger;

/** A pino logger, a level name, or false for no logs. */
export type LoggerOption = Logger | LevelWithSilent | false;

/** Field paths never written: credentials, signatures and tokens, wherever they appear. */
export const REDACTED_PATHS: readonly string[] = [
  "appSecret",
  "*.appSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "sign",
  "*.sign",
  "token",
  "*.token",
  "controlToken",
  "*.controlToken",
];

/** The logger for an option: used as is, built at that level, or silent. Defaults to `warn`. */
export function createLogger(option: LoggerOption | undefined): GatewayLogger {
  if (option === false) return pino({ level: "silent" });
  if (typeof option === "object" && option !== null) return option;
  return pino({
    level: option ?? "warn",
    base: { name: "gatekit-gateway" },
    redact: { paths: [...REDACTED_PATHS], censor: "[redacted]" },
  });
}
