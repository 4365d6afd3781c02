import { afterEach, describe, expect, it } from "vitest";
import {
  durableDb,
  paymentRequest,
  payoutRequest,
  refundRequest,
  type TestGateway,
  testGateway,
} from "../../test/index.js";

let t: TestGateway;
afterEach(() => t?.close());

describe("concurrent duplicates", () => {
  it("50 simultaneous identical creates make exactly one payment, and all 50 get it", async () => {
    t = testGateway({ db: durableDb() });
    const request = paymentRequest();
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.call("/v2/payment/create", request)));
    expect(new Set(responses.map((response) => response.code))).toEqual(new Set(["OK"]));
    expect(new Set(responses.map((response) => response.data.paymentNo)).size).toBe(1);
  });

  it(
    "50 simultaneous creates with one merchantTradeNo and " +
      "different content make one payment and 49 Duplicate codes",
    async () => {
      t = testGateway({ db: durableDb() });
      const base = paymentRequest();
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          t.call("/v2/payment/create", { ...base, description: `Attempt ${index}` }),
        ),
      );
      const codes = responses.map((response) => response.code);
      expect(codes.filter((code) => code === "OK")).toHaveLength(1);
      expect(codes.filter((code) => code === "Payment.Common.Duplicate_Trade_No")).toHaveLength(49);
      const winner = responses.find((response) => response.code === "OK")!;
      expect((await t.call("/v2/payment/query", { merchantTradeNo: base.merchantTradeNo })).data.paymentNo).toBe(
        winner.data.paymentNo,
      );
    },
  );

  it("50 simultaneous identical payouts freeze the funds once", async () => {
    t = testGateway({ payoutDelayMs: null });
    const request = payoutRequest({ amount: "100.00" });
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.call("/v2/payout/create", request)));
    expect(new Set(responses.map((response) => response.data.payoutNo)).size).toBe(1);
    expect((await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0]).toEqual({
      currency: "INR",
      availableAmount: "99899.00",
      frozenAmount: "101.00",
    });
  });

  it("50 simultaneous refunds of one payment never refund more than was paid", async () => {
    t = testGateway({ refundDelayMs: null });
    const { data } = await t.call("/v2/payment/create", paymentRequest({ amount: "10.00" }));
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => t.call("/v2/refund/create", refundRequest(data.paymentNo, { amount: "0.30" }))),
    );
    const accepted = responses.filter((response) => response.code === "OK");
    expect(accepted).toHaveLength(33);
    expect(responses.filter((response) => response.code === "Refund.Common.Amount_Exceeded")).toHaveLength(17);
    expect((await t.control("GET", `/payments/${data.paymentNo}`)).data.refundableAmount).toBe("0.10");
  });

  it("50 simultaneous identical full refunds make one refund, and all 50 get it", async () => {
    t = testGateway({ refundDelayMs: null });
    const { data } = await t.call("/v2/payment/create", paymentRequest({ amount: "10.00" }));
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    const request = refundRequest(data.paymentNo, { amount: "10.00" });
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.call("/v2/refund/create", request)));
    expect(new Set(responses.map((response) => response.code))).toEqual(new Set(["OK"]));
    expect(new Set(responses.map((response) => response.data.refundNo)).size).toBe(1);
  });

  it("50 simultaneous identical payouts of the whole balance make one payout, and all 50 get it", async () => {
    t = testGateway({
      payoutDelayMs: null,
      merchants: [
        {
          appId: "1111b620f93b48c5904210ff47bb1111",
          appSecret: "TEST_SECRET_DO_NOT_USE",
          balances: { INR: "1010.00" },
        },
      ],
    });
    const request = payoutRequest({ amount: "1000.00" });
    const responses = await Promise.all(Array.from({ length: 50 }, () => t.call("/v2/payout/create", request)));
    expect(new Set(responses.map((response) => response.code))).toEqual(new Set(["OK"]));
    expect(new Set(responses.map((response) => response.data.payoutNo)).size).toBe(1);
  });

  it("50 simultaneous payouts never take the balance below zero", async () => {
    t = testGateway({
      payoutDelayMs: null,
      merchants: [
        {
          appId: "1111b620f93b48c5904210ff47bb1111",
          appSecret: "TEST_SECRET_DO_NOT_USE",
          balances: { INR: "1010.00" },
        },
      ],
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => t.call("/v2/payout/create", payoutRequest({ amount: "100.00" }))),
    );
    expect(responses.filter((response) => response.code === "OK")).toHaveLength(10);
    expect(responses.filter((response) => response.code === "Payout.Common.Insufficient_Balance")).toHaveLength(40);
    expect((await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0]).toEqual({
      currency: "INR",
      availableAmount: "0.00",
      frozenAmount: "1010.00",
    });
  });
});
