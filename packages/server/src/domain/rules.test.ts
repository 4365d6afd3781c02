import { describe, expect, it } from "vitest";
import { canonicalJson, requestHash } from "./idempotency.js";
import { newId, newRrn, newToken } from "./ids.js";
import {
  MAGIC_AMOUNTS,
  automaticPaymentOutcome,
  paymentScenario,
  payoutScenario,
  refundScenario,
} from "./scenarios.js";
import { checkMerchantUrl, hostAllowed } from "./urls.js";

describe("idempotency", () => {
  it("treats key order and whitespace as the same content, and everything else as different", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash(JSON.parse('{ "b": 2,\n "a": 1 }')));
    expect(requestHash({ a: [1, 2] })).not.toBe(requestHash({ a: [2, 1] }));
    expect(requestHash({ a: "1" })).not.toBe(requestHash({ a: 1 }));
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });
});

describe("ids", () => {
  it("start with their prefix and the +08:00 time, fit the contract's 32 characters, and never repeat", () => {
    const now = Date.parse("2026-11-27T10:50:44.999+08:00");
    const ids = Array.from({ length: 10_000 }, () => newId("PAY", now));
    expect(new Set(ids).size).toBe(10_000);
    for (const id of ids.slice(0, 10)) expect(id).toMatch(/^PAY20261127105044\d{10}$/);
    expect(newId("NTF", now).length).toBeLessThanOrEqual(32);
    expect(newId("RF", Date.parse("2026-12-31T23:59:59+08:00"))).toMatch(/^RF20261231235959/);
    expect(newToken()).toMatch(/^[0-9a-f]{32}$/);
    expect(newRrn()).toMatch(/^[1-9]\d{11}$/);
  });
});

describe("scenarios", () => {
  it("are the documented magic amounts, nothing else", () => {
    expect([...MAGIC_AMOUNTS.payment.keys(), ...MAGIC_AMOUNTS.payout.keys(), ...MAGIC_AMOUNTS.refund.keys()]).toEqual([
      404n,
      405n,
      501n,
      502n,
      503n,
      606n,
      607n,
      808n,
    ]);
    expect(paymentScenario(10005n)).toBeNull();
    expect(payoutScenario(606n)).toBe("payout.fails");
    expect(refundScenario(808n)).toBe("refund.fails");
    expect(automaticPaymentOutcome("payment.pays_itself")).toBe("PAID");
    expect(automaticPaymentOutcome("payment.declined_on_pay")).toBeNull();
  });
});

describe("merchant URLs", () => {
  it.each([
    ["merchant.example.com", ["merchant.example.com"], true],
    ["MERCHANT.example.com", ["merchant.example.com"], true],
    ["shop.merchant.example.com", ["*.merchant.example.com"], true],
    ["a.b.merchant.example.com", ["*.merchant.example.com"], true],
    ["merchant.example.com", ["*.merchant.example.com"], false],
    ["evilmerchant.example.com", ["*.merchant.example.com"], false],
    ["merchant.example.com.evil.test", ["merchant.example.com"], false],
    ["anything.test", [], false],
  ])("host %s against %j: %s", (host, allowed, expected) => {
    expect(hostAllowed(host, allowed)).toBe(expected);
  });

  it("refuse what is not absolute http(s) with Common.Illegal_Url", () => {
    expect(() => checkMerchantUrl("notifyUrl", "/relative", null)).toThrow(
      expect.objectContaining({ code: "Common.Illegal_Url" }),
    );
    expect(() => checkMerchantUrl("notifyUrl", "javascript:alert(1)", null)).toThrow(/not javascript/);
    expect(() =>
      checkMerchantUrl("notifyUrl", "https://merchant.example.com:8443/n?x=1", ["merchant.example.com"]),
    ).not.toThrow();
  });
});
