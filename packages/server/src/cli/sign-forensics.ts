// The usual mistakes behind a V2_SHA256 signature that does not match. @gatekit/signature's
// diagnoseSignature tries the gateway's own list (with the capture's Host and X-Forwarded-*
// headers as other origins the signer may have seen); the variants here add the mistakes of a
// command-line capture it does not try (a /pg prefix added, a proxy's port, a dropped query,
// a pretty-printed body, CRLF line ends). Only signs are compared: nothing about the secret is shown.

import { createHash } from "node:crypto";
import type { AuthorizationParts } from "@gatekit/signature";
import { diagnoseSignatureSync } from "@gatekit/signature/node";
import type { Capture } from "./capture.js";

/** The Authorization header's parts, or those given on the command line (any may be missing). */
export type SignParts = { readonly [K in keyof AuthorizationParts]?: string | undefined };

interface Variant {
  readonly mistake: string;
  readonly url?: string;
  readonly body?: Uint8Array;
  readonly timestamp?: string;
}

function variants(request: Capture, parts: SignParts): Variant[] {
  const found: Variant[] = [];
  const url = safeUrl(request.url);
  const text = Buffer.from(request.body).toString("utf8");
  if (url) {
    const other = new URL(url.href);
    other.protocol = url.protocol === "https:" ? "http:" : "https:";
    found.push({
      mistake:
        `the signer used ${other.protocol}// where the request went to ${url.protocol}// ` +
        "(a proxy terminating TLS?)",
      url: other.href,
    });
    if (url.pathname.startsWith("/pg/"))
      found.push({
        mistake: "the signer left out the /pg prefix of the path",
        url: url.href.replace(`${url.host}/pg/`, `${url.host}/`),
      });
    else
      found.push({
        mistake: "the signer added a /pg prefix the request's path does not have",
        url: url.href.replace(`${url.host}/`, `${url.host}/pg/`),
      });
    if (url.port === "") {
      for (const port of ["443", "80", "8080"])
        found.push({
          mistake: `the signer saw port ${port} (a host:port behind a proxy); sign over the URL the client calls`,
          url: url.href.replace(url.host, `${url.hostname}:${port}`),
        });
    } else
      found.push({
        mistake: `the signer saw no port where the request has :${url.port} (host as seen behind a proxy)`,
        url: url.href.replace(url.host, url.hostname),
      });
    if (url.search)
      found.push({ mistake: "the signer left out the query string", url: url.href.replace(url.search, "") });
  }
  if (text.endsWith("\n"))
    found.push({ mistake: "the body was signed without its trailing newline", body: Buffer.from(text.slice(0, -1)) });
  else
    found.push({
      mistake: "the body was signed with a trailing newline that was not sent",
      body: Buffer.from(`${text}\n`),
    });
  try {
    const parsed: unknown = JSON.parse(text);
    found.push({
      mistake:
        "the body was re-serialized (compact JSON) after signing, or signed before being re-serialized: " +
        "sign the exact bytes sent",
      body: Buffer.from(JSON.stringify(parsed)),
    });
    found.push({
      mistake: "the body was signed pretty-printed but sent otherwise: sign the exact bytes sent",
      body: Buffer.from(JSON.stringify(parsed, null, 2)),
    });
  } catch {
    // Not JSON: no re-serialization to try.
  }
  if (text.includes("\r\n"))
    found.push({
      mistake: "the body's line ends changed (CRLF and LF) between signing and sending",
      body: Buffer.from(text.replace(/\r\n/g, "\n")),
    });
  const latin1 = Buffer.from(text, "latin1");
  if (!latin1.equals(Buffer.from(request.body)))
    found.push({ mistake: "the body was signed in another encoding than the UTF-8 sent", body: latin1 });
  if (parts.timestamp && /^\d{13}$/.test(parts.timestamp)) {
    found.push({
      mistake: "the signer used the timestamp in seconds where the header has milliseconds",
      timestamp: parts.timestamp.slice(0, 10),
    });
  }
  return found;
}

// The origins a proxy may have shown the signer, from the capture's headers.
function originsOf(request: Capture): Array<{ origin: string; source: string }> {
  const header = (name: string) => Object.entries(request.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const url = safeUrl(request.url);
  const origins: Array<{ origin: string; source: string }> = [];
  const scheme = header("x-forwarded-proto") ?? url?.protocol.replace(":", "") ?? "https";
  for (const [name, source] of [
    ["x-forwarded-host", "X-Forwarded-Host"],
    ["host", "the Host header"],
  ] as const) {
    const value = header(name);
    if (value) origins.push({ origin: `${scheme}://${value.split(",")[0]!.trim()}`, source });
  }
  return origins;
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The most likely mistake behind a sign that does not match, or a sentence saying none of the usual ones does. */
export function likelyMistake(request: Capture, parts: SignParts, appSecret: string): string {
  if (
    parts.sign === undefined ||
    parts.appId === undefined ||
    parts.timestamp === undefined ||
    parts.nonce === undefined
  )
    return "no sign to compare";
  const input = {
    appId: parts.appId,
    appSecret,
    method: request.method,
    url: request.url,
    timestamp: parts.timestamp,
    nonce: parts.nonce,
    body: request.body,
    sign: parts.sign.toLowerCase(),
  };
  const known = diagnoseSignatureSync(input, { basePath: "/pg", origins: originsOf(request) });
  if (known) return `the signer signed ${known.signed}: ${known.fix}`;
  for (const variant of variants(request, parts)) {
    const head = [
      parts.appId,
      appSecret,
      request.method,
      variant.url ?? request.url,
      variant.timestamp ?? parts.timestamp,
      parts.nonce,
    ]
      .map((line) => `${line}\n`)
      .join("");
    const sign = createHash("sha256")
      .update(Buffer.concat([Buffer.from(head), variant.body ?? request.body, Buffer.from("\n")]))
      .digest("hex");
    if (sign === parts.sign.toLowerCase()) return variant.mistake;
  }
  return (
    "none of the usual mistakes (URL scheme, /pg prefix, host or port, " +
    "body re-serialized or re-encoded, trailing newline, timestamp in seconds) explains it: " +
    "check the appSecret and the method"
  );
}
