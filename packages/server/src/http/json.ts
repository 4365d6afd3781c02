// Strict JSON: the body must be exactly one UTF-8 JSON value and nothing else. Plain SHA-256
// signing allows length extension, so a lenient parser (trailing bytes ignored, a BOM skipped,
// a repeated key read differently by two parsers) could accept bytes the merchant never meant.

/** The outcome of {@link parseStrictJson}. */
export type JsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

// fatal: invalid UTF-8 is an error, not U+FFFD. ignoreBOM: a BOM stays in the text, where
// JSON.parse refuses it.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Parses the exact bytes received. The message says what is wrong without echoing much of the body. */
export function parseStrictJson(bytes: Uint8Array): JsonResult {
  if (bytes.byteLength === 0) return fail("the body is empty; send the request's JSON object");
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return fail("the body is not valid UTF-8; send JSON encoded as UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = (error as Error).message;
    return fail(`the body is not well-formed JSON (${detail.length > 160 ? `${detail.slice(0, 160)}…` : detail})`);
  }
  const problem = structureProblem(text);
  if (problem !== undefined) return fail(`the body is not well-formed JSON: ${problem}`);
  return { ok: true, value };
}

function fail(message: string): JsonResult {
  return { ok: false, message };
}

/** How deep objects and arrays may nest; the contract's requests nest three levels. */
export const MAX_DEPTH = 64;

/** The first key repeated within one object, or undefined. */
export function duplicateKey(text: string): string | undefined {
  const problem = scan(text);
  return problem?.kind === "duplicate" ? problem.key : undefined;
}

// What is wrong with text JSON.parse accepted: a key repeated within one object, or nesting so
// deep that every later recursive step (hashing, logging) would have to guard against it.
function structureProblem(text: string): string | undefined {
  const problem = scan(text);
  if (problem === undefined) return undefined;
  return problem.kind === "duplicate"
    ? `the key ${JSON.stringify(problem.key).slice(0, 80)} appears twice in one object`
    : `objects and arrays nest more than ${MAX_DEPTH} levels deep`;
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
      if (stack.length === MAX_DEPTH) return { kind: "depth" };
      stack.push(char === 0x7b ? new Set() : null);
    }
    else if (char === 0x7d || char === 0x5d) stack.pop();
    i += 1;
  }
  return undefined;
}

function isSpace(char: number): boolean {
  return char === 0x20 || char === 0x0a || char === 0x0d || char === 0x09;
}
