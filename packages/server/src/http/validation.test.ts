import { afterEach, describe, expect, it } from "vitest";
import { paymentRequest, payoutRequest, refundRequest, type TestGateway, testGateway } from "../../test/index.js";
import { describeErrors, fieldPath, schemaValidator } from "./validation.js";

let t: TestGateway;
afterEach(() => t?.close());

// [operation, the body, the errorMessage expected]: every rule comes from the contract's schemas.
const cases: [string, string, unknown, string][] = [
  ["a missing required field", "/v2/payment/create", omit(paymentRequest(), "description"), "description: is required"],
  [
    "a missing nested field",
    "/v2/payment/create",
    { ...paymentRequest(), payer: { userId: "u", name: "n", email: "e" } },
    "payer.phone: is required",
  ],
  [
    "an amount without two decimals",
    "/v2/payment/create",
    paymentRequest({ amount: "100.5" }),
    "amount: must match ^\\d{1,15}\\.\\d{2}$",
  ],
  ["an amount as a number", "/v2/payment/create", { ...paymentRequest(), amount: 100.05 }, "amount: must be a string"],
  [
    "an amount with 16 integer digits",
    "/v2/payment/create",
    paymentRequest({ amount: "1234567890123456.00" }),
    "amount: must be at most 18 characters; amount: must match ^\\d{1,15}\\.\\d{2}$",
  ],
  [
    "a lowercase currency",
    "/v2/payment/create",
    paymentRequest({ currency: "inr" }),
    "currency: must match ^[A-Z]{3}$",
  ],
  [
    "a description over 80 characters",
    "/v2/payment/create",
    paymentRequest({ description: "d".repeat(81) }),
    "description: must be at most 80 characters",
  ],
  [
    "a merchantTradeNo over 50 characters",
    "/v2/payment/create",
    paymentRequest({ merchantTradeNo: "m".repeat(51) }),
    "merchantTradeNo: must be at most 50 characters",
  ],
  [
    "a field the contract does not list",
    "/v2/payment/create",
    { ...paymentRequest(), coupon: "X" },
    "coupon: is not allowed",
  ],
  [
    "a field the payer does not have",
    "/v2/payment/create",
    { ...paymentRequest(), payer: { ...paymentRequest().payer, age: 3 } },
    "payer.age: is not allowed",
  ],
  [
    "an unknown payMethod type",
    "/v2/payment/create",
    paymentRequest({ payMethod: { type: "CARD" } as never }),
    "payMethod.type: must be one of UPI, UPI_COLLECT, UPI_INTENT, PIX, PIX_QRCODE",
  ],
  [
    "a notifyUrl that is not a URI",
    "/v2/payment/create",
    paymentRequest({ notifyUrl: "merchant.example.com/notify" }),
    "notifyUrl: must be an absolute URI",
  ],
  ["a body that is an array", "/v2/payment/create", [paymentRequest()], "body: must be an object"],
  [
    "both merchantTradeNo and paymentNo",
    "/v2/payment/query",
    { merchantTradeNo: "ORD-1", paymentNo: "PAY1" },
    "send exactly one of merchantTradeNo or paymentNo",
  ],
  [
    "neither merchantTradeNo nor paymentNo",
    "/v2/payment/query",
    {},
    "send exactly one of merchantTradeNo or paymentNo",
  ],
  ["a paymentNo that is not a string", "/v2/payment/query", { paymentNo: 7 }, "paymentNo: must be a string"],
  [
    "a paymentNo over 32 characters",
    "/v2/payment/query",
    { paymentNo: "P".repeat(33) },
    "paymentNo: must be at most 32 characters",
  ],
  ["an extra field beside paymentNo", "/v2/payment/query", { paymentNo: "PAY1", page: 2 }, "page: is not allowed"],
  [
    "a refund without its reason",
    "/v2/refund/create",
    omit(refundRequest("PAY1"), "description"),
    "description: is required",
  ],
  [
    "a refund amount of the wrong shape",
    "/v2/refund/create",
    refundRequest("PAY1", { amount: "30" }),
    "amount: must match ^\\d{1,15}\\.\\d{2}$",
  ],
  [
    "a UPI payout without vpa",
    "/v2/payout/create",
    payoutRequest({ payoutMethod: { type: "UPI", payeeName: "A" } as never }),
    "payoutMethod.vpa: is required",
  ],
  [
    "a UPI payout with an unknown field",
    "/v2/payout/create",
    payoutRequest({ payoutMethod: { type: "UPI", vpa: "a@b", payeeName: "A", ifsc: "X" } as never }),
    "payoutMethod.ifsc: is not allowed",
  ],
  [
    "a bank payout without an account number",
    "/v2/payout/create",
    payoutRequest({ payoutMethod: { type: "BANK_ACCOUNT", bankCode: "HDFC0001234", payeeName: "A" } as never }),
    "payoutMethod.accountNumber: is required",
  ],
  [
    "an unknown payout method",
    "/v2/payout/create",
    payoutRequest({ payoutMethod: { type: "CASH" } as never }),
    "payoutMethod.type: must be one of BANK_ACCOUNT, UPI, PIX, WALLET",
  ],
  [
    "a payout with a returnUrl",
    "/v2/payout/create",
    { ...payoutRequest(), returnUrl: "https://m.example.com/r" },
    "returnUrl: is not allowed",
  ],
  [
    "both payout keys",
    "/v2/payout/query",
    { merchantTradeNo: "WD-1", payoutNo: "PO1" },
    "send exactly one of merchantTradeNo or payoutNo",
  ],
  ["currencies that is not an array", "/v2/balance/query", { currencies: "INR" }, "currencies: must be an array"],
  [
    "a currency of the wrong shape inside the list",
    "/v2/balance/query",
    { currencies: ["INR", "rupee"] },
    "currencies[1]: must be at most 3 characters; currencies[1]: must match ^[A-Z]{3}$",
  ],
];

describe("request validation against the contract's schemas", () => {
  it.each(cases)(
    "answers %s with Common.Request_Parameter_Error naming the field",
    async (_name, path, body, message) => {
      t = testGateway();
      const response = await t.call(path, body);
      expect(response.status).toBe(200);
      expect(response.code).toBe("Common.Request_Parameter_Error");
      expect(response.errorMessage).toBe(message);
    },
  );

  it("lists several wrong fields at once", async () => {
    t = testGateway();
    const response = await t.call("/v2/payment/create", {
      ...paymentRequest({ amount: "1", currency: "X" }),
      payMethod: { type: "NOPE" },
    });
    expect(response.errorMessage).toBe(
      "amount: must match ^\\d{1,15}\\.\\d{2}$; currency: must be at least 3 characters; " +
        "currency: must match ^[A-Z]{3}$; payMethod.type: must be one of UPI, UPI_COLLECT, UPI_INTENT, PIX, PIX_QRCODE",
    );
  });

  it(
    "accepts the open objects' extra fields: tradeEnv, " +
      "and the payMethod and PIX payout fields the docs do not list",
    async () => {
      t = testGateway();
      const payment = await t.call(
        "/v2/payment/create",
        paymentRequest({
          tradeEnv: { deviceId: "d-1", ip: "203.0.113.24", userAgent: "x" } as never,
          payMethod: { type: "UPI_COLLECT", vpa: "a@b" } as never,
        }),
      );
      expect(payment.code).toBe("OK");
      const payout = await t.call(
        "/v2/payout/create",
        payoutRequest({ amount: "75.40", payoutMethod: { type: "PIX", pixKey: "joao@example.com" } as never }),
      );
      expect(payout.code).toBe("OK");
    },
  );
});

describe("error messages", () => {
  it("write JSON pointers as field paths", () => {
    expect(fieldPath("")).toBe("");
    expect(fieldPath("/payer/email")).toBe("payer.email");
    expect(fieldPath("/currencies/0")).toBe("currencies[0]");
    expect(fieldPath("/a~1b/c~0d")).toBe("a/b.c~d");
  });

  it("have something to say even without ajv errors", () => {
    expect(describeErrors(null)).toBe("the request does not match its schema");
  });

  it("describe the control API's schemas the same way", () => {
    const validate = schemaValidator("control", "PaymentOutcomeRequest");
    expect(validate({ status: "DONE" })).toBe(false);
    expect(describeErrors(validate.errors)).toBe("status: must be one of PAID, FAILED, CLOSED");
  });
});

function omit<T extends object>(value: T, key: keyof T): Omit<T, typeof key> {
  const { [key]: _, ...rest } = value;
  return rest;
}
