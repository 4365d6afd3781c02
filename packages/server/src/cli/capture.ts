// A captured request, for `sign explain`: what was signed and sent. A capture file is JSON:
//   { "method": "POST", "url": "https://gateway.example/pg/v2/payment/create",
//     "headers": { "Authorization": "V2_SHA256 appId=…,sign=…,timestamp=…,nonce=…" },
//     "body": "<the raw body, exactly as sent>" }
// with `bodyBase64` instead of `body` for bytes that are not UTF-8 text.

import { readFileSync } from "node:fs";
import { CliError } from "./command.js";

/** One request as it was sent. */
export interface Capture {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/** The Authorization header of a capture, whatever the case of its name. */
export function authorizationOf(capture: Capture): string | undefined {
  return Object.entries(capture.headers).find(([name]) => name.toLowerCase() === "authorization")?.[1];
}

/** Reads capture file `file`; a problem is one CliError line naming the field. */
export function readCapture(file: string): Capture {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT"
        ? `cannot read ${file}: no such file`
        : `${file} is not a JSON capture: ${(error as Error).message}`,
    );
  }
  const capture = value as Record<string, unknown>;
  if (typeof capture !== "object" || capture === null || Array.isArray(capture))
    throw new CliError(`${file}: $ must be an object with method, url, headers and body`);
  for (const field of ["method", "url"] as const) {
    if (typeof capture[field] !== "string") throw new CliError(`${file}: $.${field} must be a string`);
  }
  const headers = capture["headers"] ?? {};
  if (
    typeof headers !== "object" ||
    headers === null ||
    Array.isArray(headers) ||
    Object.values(headers).some((header) => typeof header !== "string")
  ) {
    throw new CliError(`${file}: $.headers must be an object of header names to string values`);
  }
  let body: Uint8Array;
  if (typeof capture["bodyBase64"] === "string") body = Buffer.from(capture["bodyBase64"], "base64");
  else if (typeof capture["body"] === "string") body = new TextEncoder().encode(capture["body"]);
  else if (capture["body"] === undefined) body = new Uint8Array();
  else
    throw new CliError(
      `${file}: $.body must be the raw body as a string (or $.bodyBase64 its bytes in base64), not parsed JSON`,
    );
  return {
    method: capture["method"] as string,
    url: capture["url"] as string,
    headers: headers as Record<string, string>,
    body,
  };
}
