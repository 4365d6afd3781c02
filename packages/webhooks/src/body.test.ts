import { describe, expect, it } from "vitest";
import { envelope, examples, now, options, signed } from "../test/fixtures.js";
import { bodyText, parseNotification } from "./body.js";
import { verifyNotification, type WebhookVerificationError } from "./index.js";
import { kindOf } from "./kind.js";

function parseError(text: string): WebhookVerificationError {
  try {
    parseNotification(text, now, "n");
  } catch (error) {
    return error as WebhookVerificationError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe("the body: strict JSON of exactly the signed bytes", () => {
  const compact = envelope(examples.payment);

  it("accepts the compact envelope the gateway sends, and JSON whitespace around and inside it", () => {
    for (const text of [
      compact,
      `${compact}\n`,
      `${compact}\r\n`,
      ` \t${compact} `,
      JSON.stringify(JSON.parse(compact), null, 2),
    ]) {
      expect(parseNotification(text, now, "n")).toMatchObject({ kind: "payment", data: examples.payment });
    }
  });

  it.each([
    ["a byte order mark", `\uFEFF${compact}`, "byte order mark"],
    ["trailing garbage", `${compact}x`, "strict JSON"],
    ["a second value", `${compact}{}`, "strict JSON"],
    ["a NUL after the value", `${compact}\u0000`, "strict JSON"],
    ["a non-JSON whitespace after the value (NBSP)", `${compact}\u00A0`, "strict JSON"],
    ["a truncated body", compact.slice(0, -1), "strict JSON"],
    ["an empty body", "", "strict JSON"],
    ["single quotes", compact.replaceAll('"', "'"), "strict JSON"],
  ])("refuses %s", (_case, text, words) => {
    const error = parseError(text);
    expect(error.reason).toBe("invalid_body");
    expect(error.status).toBe(400);
    expect(error.message).toContain(words);
  });

  it.each([
    ["an array", "[]", "not an object"],
    ["a string", '"OK"', "not an object"],
    ["null", "null", "not an object"],
    [
      "a code other than OK",
      JSON.stringify({ code: "FAIL", errorMessage: null, data: examples.payment }),
      'code is not "OK"',
    ],
    ["no errorMessage", JSON.stringify({ code: "OK", data: examples.payment }), "errorMessage"],
    ["a numeric errorMessage", JSON.stringify({ code: "OK", errorMessage: 1, data: examples.payment }), "errorMessage"],
    ["no data", JSON.stringify({ code: "OK", errorMessage: null }), "data is not an object"],
    ["data null", JSON.stringify({ code: "OK", errorMessage: null, data: null }), "data is not an object"],
    ["data an array", JSON.stringify({ code: "OK", errorMessage: null, data: [] }), "data is not an object"],
    ["no known id", envelope({ status: "PAID" }), "none of refundNo, payoutNo and paymentNo"],
    ["a numeric paymentNo", envelope({ paymentNo: 1, status: "PAID" }), "data.paymentNo must be a non-empty string"],
    [
      "an empty refundNo",
      envelope({ refundNo: "", paymentNo: "P", status: "PAID" }),
      "data.refundNo must be a non-empty string",
    ],
    ["no status", envelope({ paymentNo: "P" }), "data.status"],
  ])("refuses an envelope with %s", (_case, text, words) => {
    expect(parseError(text).message).toContain(words);
  });

  it("accepts an errorMessage string (the envelope allows one)", () => {
    const text = JSON.stringify({ code: "OK", errorMessage: "", data: examples.payment });
    expect(parseNotification(text, now, "n").kind).toBe("payment");
  });

  it("decodes bytes as strict UTF-8 and keeps a BOM so that it is refused", () => {
    expect(bodyText(new Uint8Array(Buffer.from('{"é":1}')))).toBe('{"é":1}');
    expect(() => bodyText(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow("not valid UTF-8");
    expect(() => bodyText(new Uint8Array([0x7b, 0xc3]))).toThrow("not valid UTF-8");
    expect(bodyText(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe("\uFEFF{}");
  });

  it("refuses a string with a lone surrogate, which no UTF-8 bytes decode to", () => {
    expect(() => bodyText('{"a":"\uD800"}')).toThrow("lone UTF-16 surrogate");
    expect(bodyText('{"a":"😀"}')).toBe('{"a":"😀"}');
  });

  it("refuses a signed body with a BOM end to end, and accepts a signed trailing newline", async () => {
    await expect(verifyNotification(options(signed(`\uFEFF${compact}`)))).rejects.toMatchObject({
      reason: "invalid_body",
    });
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(compact)]);
    await expect(verifyNotification(options(signed(bytes)))).rejects.toThrow("byte order mark");
    await expect(verifyNotification(options(signed(`${compact}\n`)))).resolves.toMatchObject({ kind: "payment" });
  });
});

describe("the kind of a notification, by id", () => {
  it.each([
    [{ refundNo: "R", paymentNo: "P" }, "refund"],
    [{ payoutNo: "O" }, "payout"],
    [{ paymentNo: "P" }, "payment"],
    [{ refundNo: "R", payoutNo: "O", paymentNo: "P" }, "refund"],
    [{ payoutNo: "O", paymentNo: "P" }, "payout"],
  ])("%j is a %s", (data, kind) => {
    expect(kindOf(data)).toEqual({ kind });
  });

  it("an id that is present but empty or not a string is a problem, not skipped", () => {
    expect(kindOf({ refundNo: null, paymentNo: "P" })).toHaveProperty("problem");
    expect(kindOf({ payoutNo: 7, paymentNo: "P" })).toHaveProperty("problem");
    expect(kindOf({})).toHaveProperty("problem");
  });
});
