import { describe, expect, it } from "vitest";
import { type Override, applyOverrides, parseOverride, unknownField } from "./overrides.js";

describe("--override", () => {
  it.each<[string, Override]>([
    ["description=Gift box", { path: ["description"], value: "Gift box" }],
    ["payer.email=a=b@example.com", { path: ["payer", "email"], value: "a=b@example.com" }],
    ["amount=0100.00", { path: ["amount"], value: "0100.00" }],
    ['payMethod:={"type":"UPI_COLLECT"}', { path: ["payMethod"], value: { type: "UPI_COLLECT" } }],
    ["merchantAttach:=null", { path: ["merchantAttach"], value: null }],
  ])("reads %s", (text, expected) => {
    expect(parseOverride(text)).toEqual(expected);
  });

  it.each(["description", "=x", "a..b=1", "a:={oops"])("refuses %j and says how to write one", (text) => {
    expect(parseOverride(text)).toEqual({ problem: expect.stringMatching(/--override/) });
  });

  it("accepts fields of the request and of its nested objects and variants", () => {
    for (const path of [["description"], ["payer", "email"], ["payMethod", "type"], ["tradeEnv"]]) {
      expect(unknownField("PaymentCreateRequest", { path, value: "x" })).toBeUndefined();
    }
  });

  it("names an unknown field and lists the known ones", () => {
    expect(unknownField("PaymentCreateRequest", { path: ["descripton"], value: "x" })).toMatch(
      /^descripton is not a field of PaymentCreateRequest; its fields are merchantTradeNo, amount/,
    );
    expect(unknownField("PaymentCreateRequest", { path: ["payer", "mail"], value: "x" })).toMatch(
      /^payer\.mail is not a field of PaymentCreateRequest at payer; its fields are .*email/,
    );
    expect(unknownField("RefundCreateRequest", { path: ["notifyUrl"], value: "x" })).toMatch(
      /not a field of RefundCreateRequest/,
    );
  });

  it("sets nested values without touching the original", () => {
    const body = { payer: { name: "A", email: "a@example.com" }, amount: "1.00" };
    const result = applyOverrides(body, [
      { path: ["payer", "email"], value: "b@example.com" },
      { path: ["tradeEnv", "ip"], value: "10.0.0.1" },
    ]);
    expect(result).toEqual({
      payer: { name: "A", email: "b@example.com" },
      amount: "1.00",
      tradeEnv: { ip: "10.0.0.1" },
    });
    expect(body.payer.email).toBe("a@example.com");
  });
});
