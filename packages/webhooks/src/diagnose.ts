// Runs only after a signature failed, to turn the classic integration mistakes into a message
// that says what to fix. It hashes the content again with small variations of the inputs the
// merchant controls: a handful of hashes per secret, on the failure path only. A match with a
// variation proves the mistake; nothing here reveals a secret or the expected sign.

import { diagnoseSignature, type SignatureMistakeKind, verify } from "@gatekit/signature";
import type { RawBody } from "./types.js";

interface Signed {
  readonly appId: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly sign: string;
  readonly body: RawBody;
}

const CHECKLIST =
  "Check that body is the raw request body exactly as received (not re-serialised from a parsed object), " +
  "that appSecret is the secret of this appId in this environment (sandbox and production differ), " +
  "and that notifyUrl is exactly the notifyUrl sent in payment/create or payout/create " +
  "(scheme, host, port, path and query), " +
  "not a URL rebuilt from the incoming request.";

/** The message for a sign that matched none of the secrets. */
export async function explainBadSignature(
  signed: Signed,
  notifyUrl: string,
  secrets: readonly string[],
): Promise<string> {
  const matches = async (url: string, appSecret: string) => verify({ ...signed, url, appSecret, method: "POST" });
  const base = "The notification's signature does not match";

  const trimmed = secrets.map((secret) => secret.trim()).filter((secret, i) => secret !== secrets[i] && secret !== "");
  for (const secret of trimmed) {
    if (await matches(notifyUrl, secret)) {
      return (
        `${base}: appSecret has leading or trailing whitespace ` +
        "(a newline from an environment file or a copy and paste?), and without it the signature matches. " +
        "Trim the secret where it is loaded."
      );
    }
  }

  const candidates = [...secrets, ...trimmed];
  for (const variant of urlVariants(notifyUrl)) {
    for (const secret of candidates) {
      if (await matches(variant.url, secret)) {
        return (
          `${base} this notifyUrl, but it matches the same URL ${variant.change}: ` +
          "the notifyUrl configured here differs from the one signed, " +
          "which is the notifyUrl sent in payment/create or payout/create. " +
          "Behind a proxy or load balancer the URL the app sees is not the one the gateway was given; " +
          `configure notifyUrl as the exact string sent to the gateway.`
        );
      }
    }
  }

  // The body and timestamp mistakes, shared with the gateway's own diagnosis (@gatekit/signature).
  // The URL is this receiver's configuration, not the request's, so only those kinds apply here.
  for (const secret of candidates) {
    const mistake = await diagnoseSignature({ ...signed, url: notifyUrl, appSecret: secret, method: "POST" });
    if (mistake && RECEIVER_KINDS.has(mistake.kind)) {
      return (
        `${base}: it matches ${mistake.signed}, so the body or timestamp passed here is not what was signed. ` +
        "Pass the raw body exactly as received (not re-serialized, re-encoded or trimmed) " +
        "and the Authorization header unchanged."
      );
    }
  }

  if (typeof signed.body === "string" && signed.body.includes("\uFFFD")) {
    return (
      `${base}. The body contains U+FFFD replacement characters: ` +
      "it was probably decoded from bytes that were not UTF-8, which changes them. " +
      `Pass the raw bytes (a Buffer or Uint8Array) instead. ${CHECKLIST}`
    );
  }
  return `${base}. ${CHECKLIST}`;
}

const RECEIVER_KINDS = new Set<SignatureMistakeKind>(["body_reserialized", "body_encoding", "trailing_newline"]);

interface Variant {
  readonly url: string;
  readonly change: string;
}

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/;

/**
 * Plausible spellings of the same endpoint that a proxy, a framework or a config file produces:
 * the other scheme, a toggled trailing slash, no query, no fragment, no surrounding whitespace.
 */
export function urlVariants(notifyUrl: string): Variant[] {
  const variants: Variant[] = [];
  const add = (url: string, change: string) => {
    if (url !== notifyUrl && !variants.some((v) => v.url === url)) variants.push({ url, change });
  };
  const trimmed = notifyUrl.trim();
  add(trimmed, "without the surrounding whitespace");
  const parts = URL_PARTS.exec(trimmed);
  if (parts === null) return variants;
  const [, scheme = "", authority = "", path = "", query = "", fragment = ""] = parts;
  const build = (s: string, p: string, q: string, f: string) => `${s}://${authority}${p}${q}${f}`;
  const otherScheme = scheme.toLowerCase() === "https" ? "http" : scheme.toLowerCase() === "http" ? "https" : undefined;
  const otherPath = path.endsWith("/") ? path.slice(0, -1) : `${path}/`;
  const slashChange = path.endsWith("/") ? "without the trailing slash" : "with a trailing slash";
  if (otherScheme !== undefined)
    add(build(otherScheme, path, query, fragment), `with ${otherScheme}:// instead of ${scheme}://`);
  add(build(scheme, otherPath, query, fragment), slashChange);
  if (query !== "") add(build(scheme, path, "", fragment), "without the query string");
  if (fragment !== "") add(build(scheme, path, query, ""), "without the #fragment");
  if (otherScheme !== undefined) {
    add(
      build(otherScheme, otherPath, query, fragment),
      `with ${otherScheme}:// instead of ${scheme}:// and ${slashChange}`,
    );
  }
  return variants;
}
