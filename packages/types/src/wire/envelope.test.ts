import { describe, expect, it } from "vitest";
import { envelopeText, readEnvelope } from "./envelope.js";

describe("the envelope's text", () => {
  it("is compact JSON with the members in contract order", () => {
    expect(envelopeText("OK", null, { paymentNo: "P1" })).toBe(
      '{"code":"OK","errorMessage":null,"data":{"paymentNo":"P1"}}',
    );
    expect(envelopeText("Common.Not_Found", "no operation", null)).toBe(
      '{"code":"Common.Not_Found","errorMessage":"no operation","data":null}',
    );
  });

  it("reads back what it writes", () => {
    const text = envelopeText("OK", null, { a: [1, "é"] });
    const envelope = { code: "OK", errorMessage: null, data: { a: [1, "é"] } };
    expect(readEnvelope(new TextEncoder().encode(text))).toEqual({ ok: true, envelope });
  });
});

describe("readEnvelope", () => {
  it.each([
    ["not JSON", "<html>", "syntax"],
    ["a BOM", '\uFEFF{"code":"OK","errorMessage":null,"data":null}', "bom"],
    ["a repeated key", '{"code":"OK","code":"X","errorMessage":null,"data":null}', "duplicate_key"],
    ["an array", "[]", "not_object"],
    ["a string", '"OK"', "not_object"],
    ["no code", '{"errorMessage":null,"data":null}', "code"],
    ["a numeric code", '{"code":1,"errorMessage":null,"data":null}', "code"],
    ["no errorMessage", '{"code":"OK","data":{}}', "error_message"],
    ["a numeric errorMessage", '{"code":"OK","errorMessage":1,"data":{}}', "error_message"],
    ["no data", '{"code":"OK","errorMessage":null}', "data"],
  ])("refuses %s as %s", (_case, text, problem) => {
    expect(readEnvelope(text)).toMatchObject({ ok: false, problem });
  });

  it("reads a missing errorMessage or data as null when asked to", () => {
    const lenient = { missingAsNull: true };
    const envelope = { code: "X", errorMessage: null, data: null };
    expect(readEnvelope('{"code":"X"}', lenient)).toEqual({ ok: true, envelope });
    const refused = { ok: false, problem: "error_message" };
    expect(readEnvelope('{"code":"X","errorMessage":2}', lenient)).toMatchObject(refused);
  });
});
