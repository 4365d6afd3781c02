import { afterEach, describe, expect, it } from "vitest";
import { paymentRequest, refundRequest, type TestGateway, testGateway } from "../../test/index.js";

let t: TestGateway;
afterEach(() => t?.close());

async function paidPayment(amount = "100.05") {
  const created = await t.call("/v2/payment/create", paymentRequest({ amount }));
  await t.control("POST", `/payments/${created.data.paymentNo}/outcome`, { status: "PAID" });
  return created.data.paymentNo as string;
}
const refund = (body: object) => t.call("/v2/refund/create", body);
const payment = async (paymentNo: string) => (await t.call("/v2/payment/query", { paymentNo })).data;
const available = async () =>
  (await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0].availableAmount;

describe("refund/create", () => {
  it("accepts a refund of a PAID payment as PENDING, in the payment's currency", async () => {
    t = testGateway();
    const paymentNo = await paidPayment();
    const request = refundRequest(paymentNo);
    const { code, data } = await refund(request);
    expect(code).toBe("OK");
    expect(data).toEqual({
      refundNo: expect.stringMatching(/^RF\d{24}$/),
      paymentNo,
      merchantRefundNo: request.merchantRefundNo,
      amount: "30.00",
      currency: "INR",
      status: "PENDING",
      createdTime: "2026-11-27T10:50:44.123+08:00",
    });
  });

  it("completes after the refund delay: REFUNDED, the balance debited, refundStatus PARTIAL then FULL", async () => {
    t = testGateway({ refundDelayMs: 1000 });
    const paymentNo = await paidPayment();
    expect(await available()).toBe("100100.05");
    await refund(refundRequest(paymentNo, { amount: "30.00" }));
    expect((await payment(paymentNo)).refundStatus).toBe("NONE");
    t.clock.advance(1000);
    expect((await payment(paymentNo)).refundStatus).toBe("PARTIAL");
    expect(await available()).toBe("100070.05");
    await refund(refundRequest(paymentNo, { amount: "70.05" }));
    t.clock.advance(1000);
    expect((await payment(paymentNo)).refundStatus).toBe("FULL");
    expect(await available()).toBe("100000.00");
  });

  it("completes within refund/create when the delay is 0", async () => {
    t = testGateway({ refundDelayMs: 0 });
    const paymentNo = await paidPayment();
    expect((await refund(refundRequest(paymentNo))).data.status).toBe("REFUNDED");
    expect((await payment(paymentNo)).refundStatus).toBe("PARTIAL");
  });

  it("waits for the control API when the delay is null", async () => {
    t = testGateway({ refundDelayMs: null });
    const paymentNo = await paidPayment();
    const { data } = await refund(refundRequest(paymentNo));
    t.clock.advance(86_400_000);
    expect((await t.control("GET", `/refunds/${data.refundNo}`)).data.refund.status).toBe("PENDING");
    const done = await t.control("POST", `/refunds/${data.refundNo}/outcome`, { status: "REFUNDED" });
    expect(done.data.refund.status).toBe("REFUNDED");
    const again = await t.control("POST", `/refunds/${data.refundNo}/outcome`, { status: "FAILED" });
    expect(again.status).toBe(409);
  });

  it("counts pending refunds against the refundable amount, comparing exact minor units", async () => {
    t = testGateway({ refundDelayMs: null });
    const paymentNo = await paidPayment("100.05");
    expect((await refund(refundRequest(paymentNo, { amount: "70.00" }))).code).toBe("OK");
    const over = await refund(refundRequest(paymentNo, { amount: "30.06" }));
    expect(over.code).toBe("Refund.Common.Amount_Exceeded");
    expect(over.errorMessage).toBe("refund amount 30.06 exceeds the refundable amount 30.05");
    expect((await refund(refundRequest(paymentNo, { amount: "30.05" }))).code).toBe("OK");
    expect((await refund(refundRequest(paymentNo, { amount: "0.01" }))).code).toBe("Refund.Common.Amount_Exceeded");
  });

  it("makes a FAILED refund's amount refundable again", async () => {
    t = testGateway({ refundDelayMs: null });
    const paymentNo = await paidPayment("100.05");
    const first = await refund(refundRequest(paymentNo, { amount: "100.05" }));
    expect((await refund(refundRequest(paymentNo, { amount: "1.00" }))).code).toBe("Refund.Common.Amount_Exceeded");
    await t.control("POST", `/refunds/${first.data.refundNo}/outcome`, { status: "FAILED" });
    expect((await refund(refundRequest(paymentNo, { amount: "100.05" }))).code).toBe("OK");
    expect((await payment(paymentNo)).refundStatus).toBe("NONE");
  });

  it("8.08: the refund fails when it completes, and its amount is refundable again", async () => {
    t = testGateway({ refundDelayMs: 1000 });
    const paymentNo = await paidPayment("10.00");
    const { data } = await refund(refundRequest(paymentNo, { amount: "8.08" }));
    t.clock.advance(1000);
    const details = await t.control("GET", `/refunds/${data.refundNo}`);
    expect(details.data).toMatchObject({ refund: { status: "FAILED" }, failureReason: expect.stringMatching(/8\.08/) });
    expect((await refund(refundRequest(paymentNo, { amount: "10.00" }))).code).toBe("OK");
  });

  it("fails a refund at completion when the available balance no longer covers it", async () => {
    t = testGateway({ refundDelayMs: 1000 });
    const paymentNo = await paidPayment("50.00");
    const { data } = await refund(refundRequest(paymentNo, { amount: "50.00" }));
    await t.control("POST", "/merchants/1111b620f93b48c5904210ff47bb1111/balances", {
      balances: [{ currency: "INR", availableAmount: "49.99" }],
    });
    t.clock.advance(1000);
    const details = await t.control("GET", `/refunds/${data.refundNo}`);
    expect(details.data.refund.status).toBe("FAILED");
    expect(details.data.failureReason).toBe("the available INR balance did not cover 50.00");
    expect(await available()).toBe("49.99");
  });

  it.each([
    ["PENDING", null],
    ["FAILED", "FAILED"],
    ["CLOSED", "CLOSED"],
  ])("refuses to refund a %s payment with Refund.Common.Payment_Not_Paid", async (status, outcome) => {
    t = testGateway();
    const created = await t.call("/v2/payment/create", paymentRequest());
    if (outcome) await t.control("POST", `/payments/${created.data.paymentNo}/outcome`, { status: outcome });
    const response = await refund(refundRequest(created.data.paymentNo));
    expect(response.code).toBe("Refund.Common.Payment_Not_Paid");
    expect(response.errorMessage).toBe(
      `payment ${created.data.paymentNo} is ${status}; only a PAID payment can be refunded`,
    );
  });

  it("answers an unknown paymentNo with Payment.Common.Not_Found", async () => {
    t = testGateway();
    const response = await refund(refundRequest("PAY-does-not-exist"));
    expect(response).toMatchObject({
      code: "Payment.Common.Not_Found",
      errorMessage: "no payment with paymentNo PAY-does-not-exist",
    });
  });

  it("refuses a refund of 0.00", async () => {
    t = testGateway();
    const paymentNo = await paidPayment();
    expect((await refund(refundRequest(paymentNo, { amount: "0.00" }))).errorMessage).toBe(
      "amount: must be more than 0.00",
    );
  });

  it(
    "returns the original refund for a repeat, " + "and refuses other content with Refund.Common.Duplicate_Refund_No",
    async () => {
      t = testGateway({ refundDelayMs: 1000 });
      const paymentNo = await paidPayment();
      const request = refundRequest(paymentNo);
      const first = await refund(request);
      t.clock.advance(1000);
      const again = await refund(request);
      expect(again.data).toEqual({ ...first.data, status: "REFUNDED" });
      const other = await refund({ ...request, amount: "31.00" });
      expect(other.code).toBe("Refund.Common.Duplicate_Refund_No");
      expect(other.errorMessage).toMatch(/^merchantRefundNo RFD-.* was already used with different content/);
    },
  );
});
