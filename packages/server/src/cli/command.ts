// What every subcommand of `gatekit-gateway` shares: the shape of a subcommand, parsing its flags
// with node:util's parseArgs (plus the common --url, --control-token, --json and --help), the
// one-line failure, and output that never carries a secret the command was given.

import { type ParseArgsConfig, parseArgs } from "node:util";

/** The environment a subcommand reads (GATEKIT_GATEWAY_URL, GATEKIT_CONTROL_TOKEN, …). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a subcommand writes; every write is scrubbed of the secrets registered with `secret`. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Registers a value that must never be printed: it is masked in everything written from now on. */
  secret(value: string | undefined): void;
  readonly env: Env;
  /** Standard input, read whole (for `sign explain` bodies). */
  stdin(): Promise<string>;
}

/** One subcommand: `gatekit-gateway <name> …`. Adding one is one entry in commands.ts. */
export interface Subcommand {
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** Runs with the arguments after the name; resolves with the exit code. */
  run(argv: readonly string[], io: Io): Promise<number>;
}

/** A failure to report as one line; `exitCode` 2 for a command line that cannot run, 1 otherwise. */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** A {@link CliError} for a wrong command line (exit code 2). */
export function usage(command: string, message: string): CliError {
  return new CliError(`${message} (see gatekit-gateway ${command} --help)`, 2);
}

/** The flags every subcommand that talks to a gateway takes. */
export const CONTROL_FLAGS = {
  url: { type: "string" },
  "control-token": { type: "string" },
} as const;

/** The help text of the common flags, for each subcommand's --help. */
export const CONTROL_HELP = `\
  --url <url>                the gateway's origin (env GATEKIT_GATEWAY_URL)   (default: http://127.0.0.1:8080)
  --control-token <token>    the gateway's control token (env GATEKIT_CONTROL_TOKEN, which keeps it
                             off the command line)`;

type Flags = NonNullable<ParseArgsConfig["options"]>;

/** The values parseArgs gives for `F`. */
export type FlagValues<F extends Flags> = ReturnType<
  typeof parseArgs<{ options: F; allowPositionals: true; strict: true }>
>["values"];

/** Parsed flags and positionals, or null when --help was asked for (and printed). */
export function parseCommand<F extends Flags>(
  command: string,
  argv: readonly string[],
  io: Io,
  spec: {
    readonly flags: F;
    readonly help: string;
    readonly positionals: { readonly min: number; readonly max: number };
  },
): { values: FlagValues<F>; positionals: string[] } | null {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...spec.flags, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usage(
      command,
      (error as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/\.$/, ""),
    );
  }
  if (parsed.values["help"] === true) {
    io.out(spec.help);
    return null;
  }
  const { positionals } = parsed;
  if (positionals.length < spec.positionals.min) throw usage(command, "missing an argument");
  if (positionals.length > spec.positionals.max)
    throw usage(command, `unexpected argument "${positionals[spec.positionals.max]}"`);
  return { values: parsed.values as FlagValues<F>, positionals };
}

/** A process-backed {@link Io}. */
export function processIo(): Io {
  const secrets = new Set<string>();
  const scrub = (text: string) => {
    let result = text;
    for (const secret of secrets) result = result.split(secret).join("****");
    return result;
  };
  return {
    out: (text) => void process.stdout.write(scrub(text)),
    err: (text) => void process.stderr.write(scrub(text)),
    secret: (value) => {
      // Very short values would mask innocent text; the gateway refuses secrets under 8 characters anyway.
      if (value !== undefined && value.length >= 4) secrets.add(value);
    },
    env: process.env,
    stdin: async () => {
      if (process.stdin.isTTY) return "";
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
  };
}

/** Runs `subcommand`, turning any failure into one line on standard error and an exit code. */
export async function runSubcommand(subcommand: Subcommand, argv: readonly string[], io: Io): Promise<number> {
  try {
    return await subcommand.run(argv, io);
  } catch (error) {
    const message =
      error instanceof CliError
        ? error.message
        : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    io.err(`gatekit-gateway ${subcommand.name}: ${oneLine(message)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}

/** Collapses whitespace runs (newlines included) so a message stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** Writes `value` as indented JSON and a newline. */
export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}
