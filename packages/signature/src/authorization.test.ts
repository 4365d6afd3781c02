import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAuthorization, parseAnyOrder, parseAuthorization } from "./authorization.js";
import { AuthCode, isSignatureError, SignatureError } from "./errors.js";
import type { AuthorizationParts } from "./types.js";

const SIGN = "4546abd90c2666ab359f7932903505a4c70ecb33447a58620fa17bf0bd076e36";
const parts: AuthorizationParts = {
  appId: "1111b620f93b48c5904210ff47bb1111",
  sign: SIGN,
  timestamp: "1714128828114",
  nonce: "c7ca27dc6d55da935dfc8450c721cc99",
};
const good = `V2_SHA256 appId=${parts.appId},sign=${SIGN},timestamp=${parts.timestamp},nonce=${parts.nonce}`;
const NOT_FOUND = AuthCode.AuthorizationHeaderNotFound;
const INVALID = AuthCode.InvalidSign;

function thrown(run: () => unknown): SignatureError {
  try {
    run();
  } catch (error) {
    if (error instanceof SignatureError) return error;
    throw error;
  }
  throw new Error("expected a SignatureError, nothing was thrown");
}

describe("formatAuthorization", () => {
  it("writes the four parameters in the gateway's order with no spaces after commas", () => {
    expect(formatAuthorization(parts)).toBe(good);
  });

  it.each([
    ["an empty appId", { ...parts, appId: "" }, "appId is empty"],
    ["an appId with a comma", { ...parts, appId: "a,b" }, "appId must be 1 to 128 printable ASCII"],
    ["a nonce with a space", { ...parts, nonce: "a b" }, "including a space"],
    ["a nonce with an equals sign", { ...parts, nonce: "a=b" }, 'including a "="'],
    ["an appId over 128 characters", { ...parts, appId: "a".repeat(129) }, "got 129 characters"],
    ["a short sign", { ...parts, sign: "abc" }, "sign must be 64 lowercase hex characters"],
    ["an uppercase sign", { ...parts, sign: SIGN.toUpperCase() }, "sign must be lowercase hex"],
    ["a timestamp with a leading zero", { ...parts, timestamp: "01714128828114" }, "without leading zeros"],
    [
      "a timestamp in seconds with a fraction",
      { ...parts, timestamp: "1714128828.114" },
      "timestamp must be Unix epoch milliseconds",
    ],
    [
      "a numeric timestamp",
      { ...parts, timestamp: 1714128828114 as unknown as string },
      "timestamp must be a string, got number",
    ],
  ])("refuses %s with Invalid_Sign", (_name, bad, fragment) => {
    const error = thrown(() => formatAuthorization(bad));
    expect(error.code).toBe(INVALID);
    expect(error.message).toContain("Cannot format the Authorization header");
    expect(error.message).toContain(fragment);
  });

  it("never repeats a rejected value in its message", () => {
    const secretish = "sk_live_0123456789abcdef,0123456789";
    expect(thrown(() => formatAuthorization({ ...parts, nonce: secretish })).message).not.toContain(secretish);
  });
});

describe("parseAuthorization", () => {
  it("reads what formatAuthorization writes", () => {
    expect(parseAuthorization(good)).toEqual(parts);
  });

  it("accepts the four keys in any order, each exactly once", () => {
    const header = `V2_SHA256 nonce=${parts.nonce},timestamp=${parts.timestamp},sign=${SIGN},appId=${parts.appId}`;
    expect(parseAuthorization(header)).toEqual(parts);
  });

  it("accepts the short values the gateway's own test vectors use", () => {
    expect(parseAuthorization(`V2_SHA256 appId=a,sign=${SIGN},timestamp=1,nonce=n`)).toEqual({
      appId: "a",
      sign: SIGN,
      timestamp: "1",
      nonce: "n",
    });
  });

  it("accepts an uppercase nonce, as the gateway's documentation shows them", () => {
    expect(parseAuthorization(good.replace(parts.nonce, parts.nonce.toUpperCase())).nonce).toBe(
      parts.nonce.toUpperCase(),
    );
  });

  // Each bad header, the gateway code it must produce and a fragment of the message explaining it.
  const badHeaders: [name: string, header: string | null | undefined, code: string, fragment: string][] = [
    ["an empty header", "", NOT_FOUND, "missing or empty"],
    ["a missing header (null)", null, NOT_FOUND, "missing or empty"],
    ["a missing header (undefined)", undefined, NOT_FOUND, "missing or empty"],
    ["only spaces", "   ", INVALID, "stray whitespace before the scheme"],
    ["another scheme", `Bearer ${SIGN}`, INVALID, 'unsupported scheme "Bearer"'],
    ["the V1 scheme", good.replace("V2_SHA256", "V1_SHA256"), INVALID, "only V2_SHA256 is accepted"],
    ["a lowercase scheme", good.replace("V2_SHA256", "v2_sha256"), INVALID, "case-sensitive"],
    ["the scheme alone", "V2_SHA256", INVALID, "no parameters after V2_SHA256"],
    ["the scheme and a space", "V2_SHA256 ", INVALID, "no parameters after V2_SHA256"],
    [
      "no space after the scheme",
      good.replace("V2_SHA256 ", "V2_SHA256"),
      INVALID,
      "one space between V2_SHA256 and the parameters",
    ],
    ["a tab after the scheme", good.replace("V2_SHA256 ", "V2_SHA256\t"), INVALID, "exactly one space after V2_SHA256"],
    ["two spaces after the scheme", good.replace("V2_SHA256 ", "V2_SHA256  "), INVALID, "more than one space"],
    ["a leading space", ` ${good}`, INVALID, "stray whitespace before the scheme"],
    ["a trailing space", `${good} `, INVALID, "stray whitespace (a space)"],
    ["a trailing newline", `${good}\n`, INVALID, "stray whitespace (U+000A)"],
    ["a space after a comma", good.replace(",sign", ", sign"), INVALID, "none after commas"],
    ["a space around an equals sign", good.replace("sign=", "sign ="), INVALID, "stray whitespace"],
    ["a non-breaking space", good.replace(",sign", ",\u00a0sign"), INVALID, "stray whitespace (U+00A0)"],
    ["a trailing comma", `${good},`, INVALID, "parameter 5 of 5 is empty (a stray comma?)"],
    ["a doubled comma", good.replace(",sign", ",,sign"), INVALID, "is empty (a stray comma?)"],
    ["a parameter without equals sign", good.replace("nonce=", "nonce"), INVALID, 'has no "="'],
    ["a parameter without key", good.replace("nonce=", "="), INVALID, 'has no key before "="'],
    ["an unknown key", `${good},extra=1`, INVALID, 'unknown key "extra"'],
    ["a key in the wrong case", good.replace("appId=", "appid="), INVALID, 'keys are case-sensitive: write "appId"'],
    ["an unprintable unknown key", `${good},\u0000=1`, INVALID, "has an unknown key"],
    ["a repeated key", `${good},nonce=abc`, INVALID, '"nonce" appears more than once'],
    ["a repeated key with the same value", `${good},sign=${SIGN}`, INVALID, '"sign" appears more than once'],
    ["a missing key", good.replace(`,nonce=${parts.nonce}`, ""), INVALID, 'missing "nonce"'],
    ["two missing keys", `V2_SHA256 appId=${parts.appId},sign=${SIGN}`, INVALID, 'missing "timestamp", "nonce"'],
    ["an empty appId", good.replace(`appId=${parts.appId}`, "appId="), INVALID, "appId is empty"],
    ["an empty sign", good.replace(`sign=${SIGN}`, "sign="), INVALID, "sign is empty"],
    ["an empty timestamp", good.replace(`timestamp=${parts.timestamp}`, "timestamp="), INVALID, "timestamp is empty"],
    ["an empty nonce", good.replace(`nonce=${parts.nonce}`, "nonce="), INVALID, "nonce is empty"],
    ["an equals sign inside a value", good.replace(`nonce=${parts.nonce}`, "nonce=a=b"), INVALID, 'including a "="'],
    ["a non-ASCII appId", good.replace(parts.appId, "café"), INVALID, "including U+00E9"],
    ["a control character in the nonce", good.replace(parts.nonce, "ab\u0001"), INVALID, "including U+0001"],
    ["a short sign", good.replace(SIGN, SIGN.slice(1)), INVALID, "sign must be 64 lowercase hex characters"],
    ["a long sign", good.replace(SIGN, `${SIGN}0`), INVALID, "got 65 characters"],
    ["an uppercase sign", good.replace(SIGN, SIGN.toUpperCase()), INVALID, "sign must be lowercase hex"],
    ["a non-hex sign", good.replace(SIGN, `${SIGN.slice(1)}g`), INVALID, "sign must be 64 lowercase hex characters"],
    [
      "a timestamp in seconds with a fraction",
      good.replace(parts.timestamp, "1714128828.114"),
      INVALID,
      "timestamp must be Unix epoch milliseconds",
    ],
    [
      "a negative timestamp",
      good.replace(parts.timestamp, "-1714128828114"),
      INVALID,
      "timestamp must be Unix epoch milliseconds",
    ],
    [
      "a timestamp with a leading zero",
      good.replace(parts.timestamp, "01714128828114"),
      INVALID,
      "without leading zeros",
    ],
    ["a 16-digit timestamp", good.replace(parts.timestamp, "1714128828114000"), INVALID, "1 to 15 digits"],
    [
      "an ISO timestamp",
      good.replace(parts.timestamp, "2026-11-27T10:50:44Z"),
      INVALID,
      "timestamp must be Unix epoch milliseconds",
    ],
  ];

  it.each(badHeaders)("refuses %s", (_name, header, code, fragment) => {
    const error = thrown(() => parseAuthorization(header));
    expect(error.code).toBe(code);
    expect(error.type).toBe("SignatureError");
    expect(error.message).toContain(fragment);
    expect(error.message).not.toContain(SIGN);
  });

  it("refuses a value that is not a string", () => {
    const error = thrown(() => parseAuthorization(42 as unknown as string));
    expect(error.code).toBe(INVALID);
    expect(error.message).toContain("got number");
  });

  it("says what shape it expected", () => {
    expect(thrown(() => parseAuthorization("Basic x")).message).toContain(
      "Expected V2_SHA256 appId=<appId>,sign=<sign>,timestamp=<epoch ms>,nonce=<nonce>",
    );
  });
});

// Values the grammar allows: printable ASCII without "," and "=", 1 to 128 characters.
const token = fc.string({
  unit: fc
    .integer({ min: 0x21, max: 0x7e })
    .filter((c) => c !== 0x2c && c !== 0x3d)
    .map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 128,
});
const hexSign = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 64, maxLength: 64 });
const timestamp = fc.integer({ min: 0, max: 999_999_999_999_999 }).map(String);
const validParts = fc.record({ appId: token, sign: hexSign, timestamp, nonce: token });
// Anything at all, leaning on near misses of the grammar.
const tokens = [
  "V2_SHA256",
  " ",
  "appId",
  "sign",
  "timestamp",
  "nonce",
  "=",
  ",",
  "\t",
  "1714128828114",
  SIGN,
  "0",
  "A",
  "é",
  "\u0000",
  "\n",
];
const headerish = fc
  .array(fc.oneof(fc.constantFrom(...tokens), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 20 })
  .map((pieces) => pieces.join(""));
const anyString = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "binary-ascii" }), headerish);

describe("Authorization properties", () => {
  it("parseAuthorization(formatAuthorization(x)) returns x", () => {
    fc.assert(
      fc.property(validParts, (x) => {
        expect(parseAuthorization(formatAuthorization(x))).toEqual(x);
      }),
      { numRuns: 500 },
    );
  });

  it("round-trips every part formatAuthorization accepts, and refuses the rest with Invalid_Sign", () => {
    const maybeParts = fc.record({
      appId: fc.oneof(token, anyString),
      sign: fc.oneof(hexSign, anyString),
      timestamp: fc.oneof(timestamp, anyString),
      nonce: fc.oneof(token, anyString),
    });
    fc.assert(
      fc.property(maybeParts, (x) => {
        let header: string;
        try {
          header = formatAuthorization(x);
        } catch (error) {
          expect(isSignatureError(error) && error.code === INVALID).toBe(true);
          return;
        }
        expect(parseAuthorization(header)).toEqual(x);
      }),
      { numRuns: 1000 },
    );
  });

  it("random strings never crash the parser: it returns parts or throws a SignatureError", () => {
    const headers = fc.oneof(
      anyString,
      validParts.map((x) => formatAuthorization(x)),
      validParts
        .chain((x) => fc.tuple(fc.constant(formatAuthorization(x)), fc.nat(), anyString))
        .map(([header, at, insert]) => {
          const i = at % (header.length + 1);
          return header.slice(0, i) + insert + header.slice(i);
        }),
    );
    fc.assert(
      fc.property(headers, (header) => {
        try {
          const parsed = parseAuthorization(header);
          // Whatever it accepts is exactly what formatAuthorization can write.
          expect(parseAuthorization(formatAuthorization(parsed))).toEqual(parsed);
        } catch (error) {
          if (!isSignatureError(error)) throw error;
          expect([INVALID, NOT_FOUND]).toContain(error.code);
          expect(error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("the one-match fast path accepts and returns exactly what the general parser does", () => {
    const outcome = (parse: (header: string) => AuthorizationParts, header: string) => {
      try {
        return { parts: parse(header) };
      } catch (error) {
        return { code: (error as SignatureError).code };
      }
    };
    const mutated = validParts.chain((x) =>
      fc.tuple(fc.constant(formatAuthorization(x)), fc.nat(), anyString).map(([header, at, insert]) => {
        const i = at % (header.length + 1);
        return header.slice(0, i) + insert + header.slice(i);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          validParts.map((x) => formatAuthorization(x)),
          mutated,
        ),
        (header) => {
          expect(outcome(parseAuthorization, header)).toEqual(outcome(parseAnyOrder, header));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
