import { describe, expect, it } from "vitest";
import { duplicateKey, parseStrictJson } from "./json.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("strict JSON", () => {
  it("parses exactly one UTF-8 JSON value, surrounding whitespace allowed", () => {
    expect(parseStrictJson(bytes(' \n{"a":"é","b":[1,{"c":null}]}\t'))).toEqual({
      ok: true,
      value: { a: "é", b: [1, { c: null }] },
    });
  });

  it.each([
    ["", /empty/],
    ["{", /not well-formed JSON/],
    ['{"a":1} {"a":2}', /not well-formed JSON/],
    ["{'a':1}", /not well-formed JSON/],
    ['{"a":1,}', /not well-formed JSON/],
    ["\uFEFF{}", /not well-formed JSON/],
  ])("refuses %j", (text, message) => {
    const result = parseStrictJson(bytes(text));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it("refuses nesting deeper than 64 levels, and accepts 64", () => {
    expect(parseStrictJson(bytes(`${"[".repeat(65)}${"]".repeat(65)}`))).toEqual({
      ok: false,
      message: "the body is not well-formed JSON: objects and arrays nest more than 64 levels deep",
    });
    expect(parseStrictJson(bytes(`${"[".repeat(64)}${"]".repeat(64)}`)).ok).toBe(true);
  });

  it("refuses overlong and invalid UTF-8", () => {
    expect(parseStrictJson(new Uint8Array([0x22, 0xc0, 0xaf, 0x22]))).toEqual({
      ok: false,
      message: "the body is not valid UTF-8; send JSON encoded as UTF-8",
    });
  });
});

describe("duplicate keys", () => {
  it.each([
    ['{"a":1,"a":2}', "a"],
    ['{"x":{"a":1,"b":{"a":1},"a":2}}', "a"],
    ['{"a\\"b":1,"a\\u0022b":2}', 'a"b'],
    ['[{"a":1},{"a":1,"b":{"b":1},"b":2}]', "b"],
  ])("finds the repeated key in %s", (text, key) => {
    expect(duplicateKey(text)).toBe(key);
  });

  it.each([['{"a":1,"b":{"a":1}}'], ['[{"a":1},{"a":2}]'], ['{"a":"\\"a\\":"}'], ['{"a":["a","a"]}'], ['"a"']])(
    "finds none in %s",
    (text) => {
      expect(duplicateKey(text)).toBeUndefined();
    },
  );
});
