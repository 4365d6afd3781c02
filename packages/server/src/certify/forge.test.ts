import { createTimestamp, signSync, verifySync } from "@gatekit/signature/node";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extendNotification } from "./forge.js";

const genuine = {
  appId: "1111b620f93b48c5904210ff47bb1111",
  appSecret: "TEST_SECRET_DO_NOT_USE",
  method: "POST",
  url: "https://shop.example.com/gateway/notify",
  timestamp: createTimestamp(0),
  nonce: "8d5f0a3c1e7b4f2a9c6d0e1f2a3b4c5d",
  body: '{"code":"OK","errorMessage":null,"data":{"paymentNo":"PAY1","status":"PAID"}}',
};

describe("the length-extension forgery", () => {
  it("makes a body and a sign that verify with the merchant's secret, computed without it", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ minLength: 8, maxLength: 80 }), (extra, appSecret) => {
        const signed = { ...genuine, appSecret };
        const forged = extendNotification(signed, signSync(signed), Buffer.byteLength(appSecret), `${extra}\n`);
        expect(verifySync({ ...signed, body: forged.body, sign: forged.sign })).toBe(true);
        // The genuine body is its start; what follows is SHA-256's padding (0x80 …), never JSON.
        expect(
          Buffer.from(forged.body)
            .subarray(0, genuine.body.length + 2)
            .toString("latin1"),
        ).toBe(`${genuine.body}\n\u0080`);
      }),
    );
  });

  it("needs the suffix to end the content with a line end", () => {
    expect(() => extendNotification(genuine, signSync(genuine), genuine.appSecret.length, "no line end")).toThrow(
      RangeError,
    );
  });
});
