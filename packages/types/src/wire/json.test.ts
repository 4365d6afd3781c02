import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeStrictText, duplicateKey, parseStrictJson } from "./json.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("the problem behind each refusal, for callers that phrase their own message", () => {
  it.each([
    ["an empty body", bytes(""), "empty"],
    ["an empty string", "", "empty"],
    ["invalid UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), "utf8"],
    ["a truncated UTF-8 sequence", new Uint8Array([0x7b, 0xc3]), "utf8"],
    ["a BOM as bytes", new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), "bom"],
    ["a BOM in a string", "\uFEFF{}", "bom"],
    ["a lone surrogate in a string", '{"a":"\uD800"}', "surrogate"],
    ["trailing garbage", '{"a":1}x', "syntax"],
    ["a second value", '{"a":1}{}', "syntax"],
    ["a NUL after the value", '{"a":1}\u0000', "syntax"],
    ["a non-JSON space after the value (NBSP)", '{"a":1}\u00A0', "syntax"],
    ["only whitespace", " \n", "syntax"],
    ["a repeated key", '{"a":1,"a":2}', "duplicate_key"],
    ["nesting past the limit", `${"[".repeat(65)}${"]".repeat(65)}`, "depth"],
  ])("%s is %s", (_case, body, problem) => {
    expect(parseStrictJson(body)).toMatchObject({ ok: false, problem });
  });

  it("keeps a BOM in decoded bytes, so that the parser sees and refuses it", () => {
    expect(decodeStrictText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ ok: true, text: "\uFEFF{}" });
  });

  it("accepts an escaped lone surrogate: it is the sender's own JSON text", () => {
    expect(parseStrictJson('{"a":"\\ud800"}')).toEqual({ ok: true, value: { a: "\uD800" } });
  });

  it("reads __proto__ as an own key, never as the prototype", () => {
    const result = parseStrictJson('{"__proto__":{"polluted":true}}');
    expect(result.ok).toBe(true);
    const value = (result as { value: object }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("strict JSON, as properties", () => {
  const json = fc.jsonValue({ maxDepth: 5 });

  it("parses the compact and the pretty text of any JSON value, as bytes or as a string", () => {
    fc.assert(
      fc.property(json, fc.boolean(), fc.boolean(), (value, pretty, asBytes) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const result = parseStrictJson(asBytes ? bytes(text) : text);
        expect(result).toEqual({ ok: true, value: JSON.parse(text) });
      }),
    );
  });

  it("refuses any value followed by a byte that is not JSON whitespace", () => {
    const tail = fc.string({ minLength: 1, maxLength: 4 }).filter((s) => s.trim() !== "" || /[^ \t\r\n]/.test(s));
    fc.assert(
      fc.property(json, tail, (value, extra) => {
        const text = `${JSON.stringify(value)}${extra}`;
        let lenient = true;
        try {
          JSON.parse(text);
        } catch {
          lenient = false;
        }
        // Only a tail that keeps the text one JSON value (digits after a number, say) may pass.
        expect(parseStrictJson(bytes(text)).ok).toBe(lenient && duplicateKey(text) === undefined);
      }),
    );
  });

  it("refuses any valid body with a BOM before it", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(parseStrictJson(`\uFEFF${JSON.stringify(value)}`)).toMatchObject({ ok: false, problem: "bom" });
      }),
    );
  });
});
