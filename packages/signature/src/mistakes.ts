// Signature forensics: when a sign does not match, the usual integration mistakes, each as the
// content the signer most likely signed instead. Pure (nothing here hashes): `diagnoseSignature`
// in each entry hashes the candidates, a bounded handful, on the failure path only. A candidate
// that matches proves the mistake. Nothing here reads or returns the secret or the expected sign.

import type { SignInput, VerifyInput } from "./types.js";

/** Which part of the signed content most likely differs. */
export type SignatureMistakeKind =
  | "base_path"
  | "scheme"
  | "host"
  | "default_port"
  | "trailing_slash"
  | "body_reserialized"
  | "body_encoding"
  | "trailing_newline"
  | "timestamp_seconds";

/** A mistake that explains a sign: what the signer did, and how to fix it. */
export interface SignatureMistake {
  readonly kind: SignatureMistakeKind;
  /**
   * What was signed instead, such as `the URL without the base path /pg
   * (https://gw.example/v2/payment/create)`. URLs only, never a secret.
   */
  readonly signed: string;
  /** What to do about it, one sentence. */
  readonly fix: string;
}

/** What the verifier knows beyond the content, to guess the URL the signer saw. */
export interface SignatureHints {
  /** The base path the verifier's URLs carry, such as `/pg`: the signer may have left it out. */
  readonly basePath?: string | undefined;
  /**
   * Other origins the signer may have used (the Host header, X-Forwarded-Host/Proto, a public URL),
   * each with where it comes from.
   */
  readonly origins?: readonly { readonly origin: string; readonly source: string }[] | undefined;
}

/** A candidate: the mistake and the content it would have produced. */
export interface SignatureCandidate extends SignatureMistake {
  readonly input: SignInput;
}

const MAX_CANDIDATES = 24;
const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?$/;
const URL_FIX =
  "sign the full URL exactly as the request is sent (scheme, host, port, base path, path and query), " +
  "and behind a proxy configure the gateway's public URL";

/** The contents a signer most likely signed instead of `input`, most likely first, at most 24. */
export function signatureCandidates(input: SignInput, hints: SignatureHints = {}): SignatureCandidate[] {
  const candidates: SignatureCandidate[] = [];
  const seen = new Set<string>([`${input.url}\n${input.timestamp}`]);
  const add = (kind: SignatureMistakeKind, signed: string, fix: string, change: Partial<SignInput>) => {
    const next = { ...input, ...change };
    const key = `${next.url}\n${next.timestamp}`;
    if (change.body === undefined && seen.has(key)) return;
    seen.add(key);
    candidates.push({ kind, signed, fix, input: next });
  };

  const parts = URL_PARTS.exec(input.url);
  if (parts) {
    const [, scheme = "", authority = "", path = "", query = ""] = parts;
    const lower = scheme.toLowerCase();
    const basePath = hints.basePath ?? "";
    if (basePath !== "" && (path === basePath || path.startsWith(`${basePath}/`))) {
      const url = `${scheme}://${authority}${path.slice(basePath.length) || "/"}${query}`;
      add(
        "base_path",
        `the URL without the base path ${basePath} (${url})`,
        "sign the URL with the base path, as the request is sent: it is part of the URL",
        { url },
      );
    }
    const other = lower === "https" ? "http" : lower === "http" ? "https" : undefined;
    if (other) {
      const url = `${other}://${authority}${path}${query}`;
      add(
        "scheme",
        `the URL with ${other}:// instead of ${lower}:// (${url})`,
        `${URL_FIX}; a TLS-terminating proxy changes the scheme the app sees`,
        { url },
      );
    }
    const defaultPort = lower === "https" ? "443" : lower === "http" ? "80" : undefined;
    if (defaultPort) {
      const withPort = authority.endsWith(`:${defaultPort}`);
      const toggled = withPort ? authority.slice(0, -defaultPort.length - 1) : `${authority}:${defaultPort}`;
      const url = `${scheme}://${toggled}${path}${query}`;
      add(
        "default_port",
        `the URL ${withPort ? "without" : "with"} the default port :${defaultPort} (${url})`,
        URL_FIX,
        { url },
      );
    }
    for (const { origin, source } of hints.origins ?? []) {
      const url = `${origin.replace(/\/+$/, "")}${path}${query}`;
      add("host", `the URL from ${source} (${url})`, URL_FIX, { url });
    }
    const slashed = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
    add("trailing_slash", `the URL ${path.endsWith("/") ? "without" : "with"} a trailing slash`, URL_FIX, {
      url: `${scheme}://${authority}${slashed}${query}`,
    });
  }

  const text = typeof input.body === "string" ? input.body : decodeUtf8(input.body);
  if (text !== undefined) {
    // Before re-serialization, which would also drop a trailing newline but says less.
    if (text.endsWith("\n")) {
      add(
        "trailing_newline",
        "the body without its trailing newline",
        "sign the exact bytes you send, trailing newline included (or send none)",
        { body: text.replace(/\r?\n$/, "") },
      );
    } else {
      add(
        "trailing_newline",
        "the body with a trailing newline",
        "sign the exact bytes you send: an editor, a heredoc or a file read may add a newline to one of them",
        { body: `${text}\n` },
      );
    }
    const parsed = parseJson(text);
    if (parsed !== undefined) {
      const compact = JSON.stringify(parsed);
      const reserialized = [compact, JSON.stringify(parsed, null, 2), JSON.stringify(sortKeys(parsed))];
      for (const [index, body] of reserialized.entries()) {
        if (body === text || reserialized.indexOf(body) !== index) continue;
        const how = ["compact JSON.stringify output", "JSON indented by 2 spaces", "JSON with its keys sorted"][index];
        add(
          "body_reserialized",
          `the body re-serialized (${how}) rather than the bytes sent`,
          "sign the exact bytes you send: serialize the body once and sign and send that same string",
          { body },
        );
      }
    }
    if (/[\u0080-\u00ff]/.test(text) && !/[^\u0000-\u00ff]/.test(text)) {
      add("body_encoding", "the body as ISO-8859-1 bytes rather than UTF-8", "sign and send the body as UTF-8", {
        body: latin1Bytes(text),
      });
    }
    const bytes = typeof input.body === "string" ? new TextEncoder().encode(input.body) : input.body;
    if (bytes.some((byte) => byte >= 0x80)) {
      add(
        "body_encoding",
        "the body's bytes decoded as ISO-8859-1 and re-encoded as UTF-8 (mojibake)",
        "sign and send the body as UTF-8, decoded and encoded the same way on both sides",
        { body: latin1Text(bytes) },
      );
    }
  }

  if (/^\d{13}$/.test(input.timestamp)) {
    add(
      "timestamp_seconds",
      "the timestamp in seconds while the header carries milliseconds",
      "sign the timestamp exactly as it appears in the header: epoch milliseconds (13 digits)",
      {
        timestamp: input.timestamp.slice(0, 10),
      },
    );
  } else if (/^\d{10}$/.test(input.timestamp)) {
    add(
      "timestamp_seconds",
      "the timestamp in milliseconds while the header carries seconds",
      "put epoch milliseconds (13 digits) in the header and sign that same value",
      { timestamp: `${input.timestamp}000` },
    );
  }
  return candidates.slice(0, MAX_CANDIDATES);
}

/** The mistake among `candidates` whose content `verify` accepts, or null. */
export function firstMatch(
  candidates: readonly SignatureCandidate[],
  sign: string,
  verify: (input: VerifyInput) => boolean,
): SignatureMistake | null {
  for (const { input, ...mistake } of candidates) if (verify({ ...input, sign })) return mistake;
  return null;
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}

function latin1Text(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}
