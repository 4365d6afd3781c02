// `gatekit-gateway sign explain`: the V2_SHA256 content of a request line by line (the secret
// masked), the SHA-256 of each line and of the whole (the sign it expects), whether the request's
// Authorization header matches, the likely mistake when it does not, and line by line how two
// captures differ. The secret comes from an environment variable, never from an argument.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseAuthorization } from "@gatekit/signature";
import { type Capture, authorizationOf, readCapture } from "./capture.js";
import { CliError, type Io, type Subcommand, parseCommand, printJson, usage } from "./command.js";
import { type SignParts, likelyMistake } from "./sign-forensics.js";

const HELP = `Usage: gatekit-gateway sign explain [request options] [--against <capture.json>]

Shows what a request's V2_SHA256 signature covers: the seven canonical lines (appId, appSecret,
method, url, timestamp, nonce, body, each ending in \\n) with the secret masked, the SHA-256 of
each line and of the whole content (the sign it expects), and whether the Authorization header
matches; when it does not, the likely mistake. Exit code 1 when the header does not match.

Request options:
  --capture <file.json>      the request from a capture file:
                             {"method", "url", "headers": {"Authorization": …}, "body": "<raw>"}
                             ("bodyBase64" instead of "body" for bytes)
  --method <method>          the request's method                               (default: POST)
  --url <url>                the full URL as signed, such as https://host/pg/v2/payment/create
  --header '<Name>: <value>' a request header (the Authorization one counts); repeatable
  --authorization <value>    the Authorization header value
  --body-file <file>         the raw body; without it (and --capture) standard input is read
  --app-id, --timestamp, --nonce
                             the parts to sign with when there is no Authorization header
  --secret-env <NAME>        the environment variable holding the appSecret (default: GATEKIT_APP_SECRET)
  --against <file.json>      a second capture (the working one, say) to compare line by line
  --json                     print the analysis as JSON
  -h, --help                 show this help
`;

const FLAGS = {
  capture: { type: "string" },
  method: { type: "string" },
  url: { type: "string" },
  header: { type: "string", multiple: true },
  authorization: { type: "string" },
  "body-file": { type: "string" },
  "app-id": { type: "string" },
  timestamp: { type: "string" },
  nonce: { type: "string" },
  "secret-env": { type: "string" },
  against: { type: "string" },
  json: { type: "boolean" },
} as const;

const NAMES = ["appId", "appSecret", "method", "url", "timestamp", "nonce", "body"] as const;

/** One request's content, analysed. */
interface Analysis {
  readonly lines: ReadonlyArray<{ readonly name: string; readonly shown: string; readonly sha256: string }>;
  readonly expectedSign: string;
  readonly headerSign: string | undefined;
  readonly matches: boolean | undefined;
}

/** `gatekit-gateway sign`. */
export const sign: Subcommand = {
  name: "sign",
  summary: "sign explain: the canonical lines of a request's signature, and why it does not match",
  async run(argv, io) {
    if (argv[0] !== "explain") {
      if (argv[0] === "--help" || argv[0] === "-h" || argv[0] === undefined) {
        io.out(HELP);
        return argv[0] === undefined ? 2 : 0;
      }
      throw usage("sign explain", `unknown action "${argv[0]}": the action is explain`);
    }
    const parsed = parseCommand("sign explain", argv.slice(1), io, {
      flags: FLAGS,
      help: HELP,
      positionals: { min: 0, max: 0 },
    });
    if (!parsed) return 0;
    const { values } = parsed;
    const secretEnv = values["secret-env"] ?? "GATEKIT_APP_SECRET";
    const appSecret = io.env[secretEnv];
    if (!appSecret)
      throw usage(
        "sign explain",
        `set ${secretEnv} to the appSecret (it is never taken from an argument), ` +
          "or name another variable with --secret-env",
      );
    io.secret(appSecret);
    const request = values.capture !== undefined ? readCapture(values.capture) : await requestOf(values, io);
    const parts = partsOf(request, values);
    const analysis = analyse(request, parts, appSecret);
    const mistake = analysis.matches === false ? likelyMistake(request, parts, appSecret) : undefined;
    const other = values.against === undefined ? undefined : readCapture(values.against);
    const otherAnalysis = other === undefined ? undefined : analyse(other, partsOf(other, {}), appSecret);
    if (values.json)
      printJson(io, {
        ...analysis,
        headerSign: analysis.headerSign ?? null,
        matches: analysis.matches ?? null,
        likelyMistake: mistake ?? null,
        against: otherAnalysis ?? null,
      });
    else {
      print(io, analysis, secretEnv);
      if (mistake) io.out(`Likely mistake:  ${mistake}\n`);
      if (otherAnalysis) printDifferences(io, analysis, otherAnalysis, values.against!);
    }
    if (analysis.matches === false) {
      io.err(
        "gatekit-gateway sign explain: " +
          `the Authorization header's sign does not match this content${mistake ? `: ${mistake}` : ""}\n`,
      );
      return 1;
    }
    return 0;
  },
};

async function requestOf(
  values: {
    method?: string | undefined;
    url?: string | undefined;
    header?: string[] | undefined;
    authorization?: string | undefined;
    "body-file"?: string | undefined;
  },
  io: Io,
): Promise<Capture> {
  if (values.url === undefined)
    throw usage(
      "sign explain",
      "give the request: --url (with --method, --header, --body-file) or --capture <file.json>",
    );
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const colon = header.indexOf(":");
    if (colon < 1) throw usage("sign explain", `--header must be 'Name: value', got a value without a colon`);
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  if (values.authorization !== undefined) headers["Authorization"] = values.authorization;
  let body: Uint8Array;
  if (values["body-file"] !== undefined) {
    try {
      body = readFileSync(values["body-file"]);
    } catch {
      throw new CliError(`cannot read the body file ${values["body-file"]}`);
    }
  } else body = new TextEncoder().encode(await io.stdin());
  return { method: values.method ?? "POST", url: values.url, headers, body };
}

function partsOf(
  request: Capture,
  values: { "app-id"?: string | undefined; timestamp?: string | undefined; nonce?: string | undefined },
): SignParts {
  const header = authorizationOf(request);
  if (header === undefined) return { appId: values["app-id"], timestamp: values.timestamp, nonce: values.nonce };
  try {
    return parseAuthorization(header);
  } catch (error) {
    throw new CliError(`the Authorization header cannot be read: ${(error as Error).message}`);
  }
}

function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function analyse(request: Capture, parts: SignParts, appSecret: string): Analysis {
  const missing = (["appId", "timestamp", "nonce"] as const).filter((name) => parts[name] === undefined);
  if (missing.length > 0)
    throw usage(
      "sign explain",
      `no Authorization header, so give ${missing.map((name) => `--${name === "appId" ? "app-id" : name}`).join(", ")}`,
    );
  const text = [parts.appId!, appSecret, request.method, request.url, parts.timestamp!, parts.nonce!];
  const head = Buffer.from(text.map((line) => `${line}\n`).join(""), "utf8");
  const content = Buffer.concat([head, request.body, Buffer.from("\n")]);
  const lines = NAMES.map((name, index) => {
    const bytes =
      index < 6 ? Buffer.from(`${text[index]}\n`, "utf8") : Buffer.concat([request.body, Buffer.from("\n")]);
    // The secret's line is masked; its hash is cut to a fingerprint, enough to tell two secrets apart.
    if (name === "appSecret")
      return { name, shown: `**** (${appSecret.length} characters)`, sha256: `${sha256(bytes).slice(0, 8)}…` };
    return { name, shown: index < 6 ? text[index]! : showBody(request.body), sha256: sha256(bytes) };
  });
  const expectedSign = sha256(content);
  return {
    lines,
    expectedSign,
    headerSign: parts.sign,
    matches: parts.sign === undefined ? undefined : parts.sign.toLowerCase() === expectedSign,
  };
}

function showBody(body: Uint8Array): string {
  const text = Buffer.from(body).toString("utf8");
  const shown = JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
  return `${shown} (${body.byteLength} bytes)`;
}

function print(io: Io, analysis: Analysis, secretEnv: string): void {
  io.out(`V2_SHA256 content, each line ending in \\n (appSecret from ${secretEnv}):\n`);
  analysis.lines.forEach((line, index) =>
    io.out(`  ${index + 1} ${line.name.padEnd(10)} ${line.shown}\n      sha256 ${line.sha256}\n`),
  );
  io.out(`SHA-256 of the whole content, the sign it expects:  ${analysis.expectedSign}\n`);
  if (analysis.headerSign === undefined) io.out("Authorization header:  none given\n");
  else
    io.out(
      `Authorization header sign:                          ${analysis.headerSign}\n` +
        `Match:  ${analysis.matches ? "yes" : "no"}\n`,
    );
}

function printDifferences(io: Io, mine: Analysis, theirs: Analysis, file: string): void {
  io.out(`Against ${file}:\n`);
  mine.lines.forEach((line, index) => {
    const other = theirs.lines[index]!;
    if (line.sha256 === other.sha256) io.out(`  ${index + 1} ${line.name.padEnd(10)} same\n`);
    else
      io.out(
        `  ${index + 1} ${line.name.padEnd(10)} differs\n      this:    ${line.shown}\n      against: ${other.shown}\n`,
      );
  });
}
