import { afterEach, describe, expect, it } from "vitest";
import { MERCHANT, payoutRequest, type TestGateway, testGateway } from "../../test/index.js";
import { payoutFee } from "./money.js";

let t: TestGateway;
afterEach(() => t?.close());

const create = (body = payoutRequest()) => t.call("/v2/payout/create", body);
const query = (body: object) => t.call("/v2/payout/query", body);
const inr = async () => (await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0];

describe("the payout fee", () => {
  it.each([
    [25_000n, 250n],
    [50n, 1n],
    [49n, 0n],
    [150n, 2n],
    [1n, 0n],
    [9_999_999_999_999_999n, 100_000_000_000_000n],
  ])("of %s minor units is %s (1%, half up)", (amount, fee) => {
    expect(payoutFee(amount)).toBe(fee);
  });
});

describe("payout/create", () => {
  it("accepts a payout as PENDING and freezes its amount plus the fee", async () => {
    t = testGateway({ payoutDelayMs: null });
    const request = payoutRequest({ amount: "250.00" });
    const { code, data } = await create(request);
    expect(code).toBe("OK");
    expect(data).toEqual({
      payoutNo: expect.stringMatching(/^PO\d{24}$/),
      merchantTradeNo: request.merchantTradeNo,
      amount: "250.00",
      currency: "INR",
      status: "PENDING",
    });
    expect(await inr()).toEqual({ currency: "INR", availableAmount: "99747.50", frozenAmount: "252.50" });
    const queried = await query({ payoutNo: data.payoutNo });
    expect(queried.data).toEqual({
      payoutNo: data.payoutNo,
      merchantTradeNo: request.merchantTradeNo,
      amount: "250.00",
      currency: "INR",
      totalFee: "2.50",
      status: "PENDING",
      merchantAttach: "seller-118",
      createdTime: "2026-11-27T10:50:44.123+08:00",
      paidTime: null,
    });
  });

  it("completes PAID after the payout delay: the frozen amount and fee are debited", async () => {
    t = testGateway({ payoutDelayMs: 41_000 });
    const { data } = await create(payoutRequest({ amount: "250.00" }));
    t.clock.advance(41_000);
    const queried = await query({ merchantTradeNo: data.merchantTradeNo });
    expect(queried.data).toMatchObject({
      status: "PAID",
      totalFee: "2.50",
      paidTime: "2026-11-27T10:51:25.123+08:00",
      rrn: expect.stringMatching(/^\d{12}$/),
    });
    expect(await inr()).toEqual({ currency: "INR", availableAmount: "99747.50", frozenAmount: "0.00" });
  });

  it("FAILED releases the frozen funds and waives the fee", async () => {
    t = testGateway({ payoutDelayMs: null });
    const { data } = await create(payoutRequest({ amount: "1200.00" }));
    const failed = await t.control("POST", `/payouts/${data.payoutNo}/outcome`, {
      status: "FAILED",
      errorInfo: "Beneficiary account is closed",
    });
    expect(failed.data.payout).toMatchObject({
      status: "FAILED",
      totalFee: "0.00",
      errorCode: "Payout.Common.Rejected",
      errorInfo: "Beneficiary account is closed",
    });
    expect(await inr()).toEqual({ currency: "INR", availableAmount: "100000.00", frozenAmount: "0.00" });
    expect((await t.control("POST", `/payouts/${data.payoutNo}/outcome`, { status: "PAID" })).status).toBe(409);
    expect((await t.control("POST", `/payouts/${data.payoutNo}/outcome`, { status: "FAILED" })).status).toBe(200);
  });

  it("6.06: the payout fails when it completes by itself", async () => {
    t = testGateway({ payoutDelayMs: 1000 });
    const { data } = await create(payoutRequest({ amount: "6.06" }));
    t.clock.advance(1000);
    expect((await query({ payoutNo: data.payoutNo })).data).toMatchObject({
      status: "FAILED",
      errorCode: "Payout.Common.Rejected",
      totalFee: "0.00",
    });
    expect((await inr()).availableAmount).toBe("100000.00");
  });

  it("6.07: payout/create is rejected and nothing is frozen", async () => {
    t = testGateway();
    const request = payoutRequest({ amount: "6.07" });
    expect((await create(request)).code).toBe("Payout.Common.Rejected");
    expect(await inr()).toEqual({ currency: "INR", availableAmount: "100000.00", frozenAmount: "0.00" });
    expect((await query({ merchantTradeNo: request.merchantTradeNo })).code).toBe("Payout.Common.Not_Found");
  });

  it("refuses a payout the available balance does not cover, fee included", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT, balances: { INR: "252.49" } }] });
    const response = await create(payoutRequest({ amount: "250.00" }));
    expect(response.code).toBe("Payout.Common.Insufficient_Balance");
    expect(response.errorMessage).toBe(
      "available balance 252.49 INR is less than 252.50 INR (the amount 250.00 plus the fee 2.50)",
    );
    expect((await create(payoutRequest({ amount: "250.00", currency: "BRL" }))).errorMessage).toMatch(
      /^available balance 0\.00 BRL/,
    );
  });

  it(
    "returns the original payout for a repeat, " + "and refuses other content with Payout.Common.Duplicate_Trade_No",
    async () => {
      t = testGateway({ payoutDelayMs: null });
      const request = payoutRequest();
      const first = await create(request);
      const again = await create(request);
      expect(again.data).toEqual(first.data);
      expect((await inr()).frozenAmount).toBe("252.50");
      const other = await create({ ...request, description: "Another" });
      expect(other.code).toBe("Payout.Common.Duplicate_Trade_No");
    },
  );

  it("answers an unknown payout with Payout.Common.Not_Found", async () => {
    t = testGateway();
    expect(await query({ payoutNo: "PO20261127120000009999" })).toMatchObject({
      code: "Payout.Common.Not_Found",
      errorMessage: "no payout with payoutNo PO20261127120000009999",
    });
  });

  it("holds notifyUrl to the rules for merchant URLs", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT, allowedHosts: ["merchant.example.com"] }] });
    expect((await create(payoutRequest({ notifyUrl: "https://elsewhere.example/n" }))).code).toBe("Common.Illegal_Url");
  });
});
