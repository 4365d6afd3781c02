import fc from "fast-check";
import type { PaymentQueryData, PaymentReturnParams } from "@gatekit/types";
import { describe, expect, it, vi } from "vitest";
import { examples } from "../test/fixtures.js";
import { confirmReturn, formatReturn, parseReturn, ReturnParamsError, type PaymentQueryClient } from "./index.js";

const params: PaymentReturnParams = {
  merchantTradeNo: "ORD-20261127-0001",
  paymentNo: "PAY20261127105044000001",
  status: "PAID",
  merchantAttach: '{"cartId":"c-77"} & more=1',
};
const query = formatReturn(params);

function problemOf(input: Parameters<typeof parseReturn>[0]): Pick<ReturnParamsError, "param" | "problem" | "type"> {
  try {
    parseReturn(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ReturnParamsError);
    const { param, problem, type } = error as ReturnParamsError;
    return { param, problem, type };
  }
  throw new Error("expected a ReturnParamsError");
}

describe("parseReturn", () => {
  it.each([
    ["a full URL", `https://shop.example/return?order=1&${query}#top`],
    ["a path with a query", `/return?${query}`],
    ["a bare query string", query],
    ["a bare query string with its ?", `?${query}`],
    ["a URL object", new URL(`https://shop.example/return?${query}`)],
    ["URLSearchParams", new URLSearchParams(query)],
    ["a query object (Express's req.query)", Object.fromEntries(new URLSearchParams(query))],
  ])("reads %s", (_case, input) => {
    expect(parseReturn(input)).toEqual(params);
  });

  it("leaves merchantAttach out when it was not set, and ignores other parameters", () => {
    expect(parseReturn("merchantTradeNo=M-1&paymentNo=P1&status=CLOSED&order=9&utm_source=x")).toEqual({
      merchantTradeNo: "M-1",
      paymentNo: "P1",
      status: "CLOSED",
    });
  });

  it("decodes UTF-8 percent-encoding and + as a space", () => {
    const parsed = parseReturn(
      "merchantTradeNo=M-1&paymentNo=P1&status=PENDING&merchantAttach=caf%C3%A9+%E8%AE%A2%E5%8D%95%2B1",
    );
    expect(parsed.merchantAttach).toBe("café 订单+1");
  });

  it.each([
    ["merchantTradeNo missing", "paymentNo=P1&status=PAID", "merchantTradeNo", "missing"],
    ["paymentNo empty", "merchantTradeNo=M&paymentNo=&status=PAID", "paymentNo", "missing"],
    ["status missing", "merchantTradeNo=M&paymentNo=P", "status", "missing"],
    ["status unknown", "merchantTradeNo=M&paymentNo=P&status=SUCCESS", "status", "invalid"],
    ["status in lowercase", "merchantTradeNo=M&paymentNo=P&status=paid", "status", "invalid"],
    ["status repeated", "merchantTradeNo=M&paymentNo=P&status=PENDING&status=PAID", "status", "repeated"],
    ["paymentNo too long", `merchantTradeNo=M&paymentNo=${"P".repeat(33)}&status=PAID`, "paymentNo", "too_long"],
    [
      "merchantTradeNo too long",
      `merchantTradeNo=${"M".repeat(51)}&paymentNo=P&status=PAID`,
      "merchantTradeNo",
      "too_long",
    ],
    [
      "merchantAttach too long",
      `merchantTradeNo=M&paymentNo=P&status=PAID&merchantAttach=${"a".repeat(256)}`,
      "merchantAttach",
      "too_long",
    ],
    ["a URL without a query", "https://shop.example/return", "merchantTradeNo", "missing"],
  ])("refuses %s", (_case, input, param, problem) => {
    expect(problemOf(input)).toEqual({ param, problem, type: "ReturnParamsError" });
  });

  it("refuses a query object whose value is an array of two, or not a string", () => {
    expect(problemOf({ merchantTradeNo: "M", paymentNo: ["P", "Q"], status: "PAID" })).toMatchObject({
      problem: "repeated",
    });
    expect(problemOf({ merchantTradeNo: "M", paymentNo: { a: "b" } as never, status: "PAID" })).toMatchObject({
      problem: "invalid",
    });
  });

  it("ignores a status that is only an inherited property name", () => {
    expect(problemOf("merchantTradeNo=M&paymentNo=P&status=toString")).toMatchObject({
      param: "status",
      problem: "invalid",
    });
  });

  it("round-trips any valid parameters through formatReturn", () => {
    const text = (max: number) =>
      fc.string({ unit: "grapheme", minLength: 1, maxLength: max }).filter((s) => s.length <= max);
    const arbitrary = fc.record(
      {
        merchantTradeNo: text(50),
        paymentNo: text(32),
        status: fc.constantFrom("PENDING", "PAID", "FAILED", "CLOSED" as const),
        merchantAttach: fc.string({ unit: "grapheme", maxLength: 255 }).filter((s) => s.length <= 255),
      },
      { requiredKeys: ["merchantTradeNo", "paymentNo", "status"] },
    );
    fc.assert(
      fc.property(
        arbitrary,
        fc.constantFrom(
          undefined,
          "https://shop.example/return",
          "https://shop.example/r?order=1",
          "https://shop.example/r?#x",
        ),
        (p, base) => {
          expect(parseReturn(formatReturn(p, base))).toEqual(p);
        },
      ),
    );
  });
});

describe("formatReturn", () => {
  it("appends to the returnUrl's own query, before its fragment", () => {
    const p = { merchantTradeNo: "M", paymentNo: "P", status: "PAID" } as const;
    expect(formatReturn(p, "https://shop.example/r")).toBe(
      "https://shop.example/r?merchantTradeNo=M&paymentNo=P&status=PAID",
    );
    expect(formatReturn(p, "https://shop.example/r?o=1#x")).toBe(
      "https://shop.example/r?o=1&merchantTradeNo=M&paymentNo=P&status=PAID#x",
    );
    expect(formatReturn(p, "https://shop.example/r?")).toBe(
      "https://shop.example/r?merchantTradeNo=M&paymentNo=P&status=PAID",
    );
  });
});

describe("confirmReturn", () => {
  const payment: PaymentQueryData = { ...examples.payment, status: "PENDING", paidTime: null };
  const client = (data: PaymentQueryData): PaymentQueryClient & { payments: { query: ReturnType<typeof vi.fn> } } => ({
    payments: { query: vi.fn(async () => data) },
  });

  it("asks the gateway by paymentNo and returns its view, whatever the redirect said", async () => {
    const c = client(payment);
    const redirect = parseReturn(
      formatReturn({ merchantTradeNo: payment.merchantTradeNo, paymentNo: payment.paymentNo, status: "PAID" }),
    );
    await expect(confirmReturn(redirect, c)).resolves.toEqual(payment);
    expect(c.payments.query).toHaveBeenCalledWith({ paymentNo: payment.paymentNo });
  });

  it("refuses a redirect whose merchantTradeNo is not its payment's", async () => {
    const redirect = { merchantTradeNo: "SOMEONE-ELSES-ORDER", paymentNo: payment.paymentNo, status: "PAID" } as const;
    await expect(confirmReturn(redirect, client(payment))).rejects.toMatchObject({
      type: "ReturnParamsError",
      param: "merchantTradeNo",
    });
  });

  it("passes the client's errors on", async () => {
    const failing = { payments: { query: async () => Promise.reject(new Error("Payment.Common.Not_Found")) } };
    await expect(confirmReturn(params, failing)).rejects.toThrow("Payment.Common.Not_Found");
  });
});
