// Strict JSON: a body must be exactly one UTF-8 JSON value and nothing else. The signature scheme
// is plain SHA-256 with the secret as a line, which allows length extension: the padding of an
// extended body holds a 0x80 byte and NULs, so a fatal UTF-8 decoder or a strict parser refuses
// it, where a lenient reader (trailing bytes ignored, a BOM skipped, a repeated key read
// differently by two parsers) could accept bytes the signer never meant.
//
// One rule set, for requests (server), responses (client) and notifications (webhooks):
// - JSON whitespace (space, tab, CR, LF) around the value is accepted: RFC 8259 makes it part of a
//   JSON text, and refusing a trailing newline would refuse honest bodies for no gain;
// - invalid UTF-8 is refused, and so is a byte order mark: a BOM-stripping decoder would hide a
//   byte that was signed;
// - a string body must be well-formed UTF-16: a lone surrogate cannot come from UTF-8 bytes (it
//   is signed as U+FFFD, not as itself). An escaped `\ud800` inside a JSON string is the sender's
//   own text and stays accepted, as JSON.parse reads it;
// - a key repeated within one object is refused: two parsers may keep different copies;
// - objects and arrays may nest at most MAX_JSON_DEPTH levels;
// - `__proto__` is an ordinary key: JSON.parse defines it as an own property, never a prototype.

/** How deep objects and arrays may nest; the contract's bodies nest three levels. */
export const MAX_JSON_DEPTH = 64;

/** Why {@link parseStrictJson} refused a body, for callers that phrase their own message. */
export type StrictJsonProblem = "empty" | "utf8" | "surrogate" | "bom" | "syntax" | "duplicate_key" | "depth";

/**
 * The outcome of {@link parseStrictJson}: the value, or the problem with a message for the sender.
 * `detail` is what exactly is wrong with the JSON text, for a caller that phrases its own message.
 */
export type StrictJsonResult =
  | { readonly ok: true; readonly value: unknown }
  | {
      readonly ok: false;
      readonly problem: StrictJsonProblem;
      readonly message: string;
      readonly detail?: string;
    };

/** The outcome of {@link decodeStrictText}: the text, or why the body is not UTF-8 text. */
export type StrictTextResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: "utf8" | "surrogate"; readonly message: string };

// fatal: invalid UTF-8 is an error, not U+FFFD. ignoreBOM: a BOM stays in the text, where the
// parser refuses it, instead of being silently dropped.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The body as text: bytes decoded as strict UTF-8 with a BOM kept (so that the parser refuses
 * it); a string checked to be well-formed UTF-16.
 */
export function decodeStrictText(body: string | Uint8Array): StrictTextResult {
  if (typeof body === "string") {
    if (isWellFormed(body)) return { ok: true, text: body };
    const message = "the body string holds a lone UTF-16 surrogate; pass the raw bytes";
    return { ok: false, problem: "surrogate", message };
  }
  try {
    return { ok: true, text: decoder.decode(body) };
  } catch {
    return { ok: false, problem: "utf8", message: "the body is not valid UTF-8; send JSON encoded as UTF-8" };
  }
}

/**
 * Parses a body by the strict rules above. Bytes are decoded first ({@link decodeStrictText});
 * the message says what is wrong without echoing much of the body.
 */
export function parseStrictJson(body: string | Uint8Array): StrictJsonResult {
  if ((typeof body === "string" ? body.length : body.byteLength) === 0) {
    return { ok: false, problem: "empty", message: "the body is empty; send the request's JSON object" };
  }
  const decoded = decodeStrictText(body);
  return decoded.ok ? parseStrictJsonText(decoded.text) : decoded;
}

/** {@link parseStrictJson} for text already decoded by {@link decodeStrictText}. */
export function parseStrictJsonText(text: string): StrictJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    const detail = reason.length > 160 ? `${reason.slice(0, 160)}…` : reason;
    const problem = text.charCodeAt(0) === 0xfeff ? "bom" : text.length === 0 ? "empty" : "syntax";
    return { ok: false, problem, message: `the body is not well-formed JSON (${detail})`, detail };
  }
  const found = scan(text);
  if (found === undefined) return { ok: true, value };
  const detail =
    found.kind === "duplicate"
      ? `the key ${JSON.stringify(found.key).slice(0, 80)} appears twice in one object`
      : `objects and arrays nest more than ${MAX_JSON_DEPTH} levels deep`;
  const problem = found.kind === "duplicate" ? "duplicate_key" : "depth";
  return { ok: false, problem, message: `the body is not well-formed JSON: ${detail}`, detail };
}

/** The first key repeated within one object of JSON text, or undefined. */
export function duplicateKey(text: string): string | undefined {
  const found = scan(text);
  return found?.kind === "duplicate" ? found.key : undefined;
}

// Runs on text JSON.parse accepted, so it only needs to tell strings, keys and nesting apart.
function scan(text: string): { kind: "duplicate"; key: string } | { kind: "depth" } | undefined {
  const stack: (Set<string> | null)[] = [];
  const length = text.length;
  let i = 0;
  while (i < length) {
    const char = text.charCodeAt(i);
    if (char === 0x22) {
      const start = i;
      let escaped = false;
      i += 1;
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) {
          escaped = true;
          i += 2;
          continue;
        }
        if (c === 0x22) break;
        i += 1;
      }
      const end = i;
      i += 1;
      let next = i;
      while (next < length && isSpace(text.charCodeAt(next))) next += 1;
      const keys = stack[stack.length - 1];
      if (keys && text.charCodeAt(next) === 0x3a) {
        const key = escaped ? (JSON.parse(text.slice(start, end + 1)) as string) : text.slice(start + 1, end);
        if (keys.has(key)) return { kind: "duplicate", key };
        keys.add(key);
      }
      continue;
    }
    if (char === 0x7b || char === 0x5b) {
      if (stack.length === MAX_JSON_DEPTH) return { kind: "depth" };
      stack.push(char === 0x7b ? new Set() : null);
    } else if (char === 0x7d || char === 0x5d) stack.pop();
    i += 1;
  }
  return undefined;
}

function isSpace(char: number): boolean {
  return char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09;
}

// String.prototype.isWellFormed is ES2024 (Node 20, current browsers); the regex is the fallback.
function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native !== undefined ? native.call(text) : !/\p{Surrogate}/u.test(text);
}
