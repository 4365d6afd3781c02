import { afterEach, describe, expect, it } from "vitest";
import { MERCHANT, paymentRequest, type TestGateway, testGateway } from "../../test/index.js";

let t: TestGateway;
afterEach(() => t?.close());

describe("balance/query", () => {
  it("reports the requested currencies in the order asked, each once, unknown ones as zeros", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT, balances: { INR: "10250.75", BRL: "980.10" } }] });
    const { data } = await t.call("/v2/balance/query", { currencies: ["BRL", "USD", "INR", "BRL"] });
    expect(data.balanceList).toEqual([
      { currency: "BRL", availableAmount: "980.10", frozenAmount: "0.00" },
      { currency: "USD", availableAmount: "0.00", frozenAmount: "0.00" },
      { currency: "INR", availableAmount: "10250.75", frozenAmount: "0.00" },
    ]);
  });

  it("starts merchants without balances of their own at the default balances", async () => {
    t = testGateway({ defaultBalances: { INR: "5.00" } });
    expect((await t.call("/v2/balance/query", { currencies: ["INR", "BRL"] })).data.balanceList).toEqual([
      { currency: "INR", availableAmount: "5.00", frozenAmount: "0.00" },
      { currency: "BRL", availableAmount: "0.00", frozenAmount: "0.00" },
    ]);
  });

  it("adds money exactly: 0.10 and 0.20 paid make 0.30", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT, balances: {} }] });
    for (const amount of ["0.10", "0.20"]) {
      const { data } = await t.call("/v2/payment/create", paymentRequest({ amount }));
      await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    }
    expect((await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0].availableAmount).toBe(
      "0.30",
    );
  });

  it("saturates at the largest amount the contract can write instead of overflowing", async () => {
    t = testGateway({ merchants: [{ ...MERCHANT, balances: { INR: "999999999999999.00" } }] });
    const { data } = await t.call("/v2/payment/create", paymentRequest({ amount: "999999999999999.99" }));
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    expect((await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0].availableAmount).toBe(
      "999999999999999.99",
    );
  });

  it("accepts an empty list of currencies", async () => {
    t = testGateway();
    expect((await t.call("/v2/balance/query", { currencies: [] })).data).toEqual({ balanceList: [] });
  });
});
