// Several gateway instances on one database (the PostgreSQL backend) can interleave between a
// read and an insert. One process cannot make that happen on SQLite, so these tests fake the
// interleaving: the first lookup misses although the row exists, as if another instance
// committed it in between, and the domain must end with one object and nothing left frozen.

import type { PaymentCreateRequest, PayoutCreateRequest } from "@gatekit/types";
import { afterEach, describe, expect, it } from "vitest";
import type { Tx } from "../storage/store.js";
import {
  MERCHANT,
  paymentRequest,
  payoutRequest,
  refundRequest,
  type TestGateway,
  testGateway,
} from "../../test/index.js";
import type { DomainContext } from "./context.js";
import { GatewayError } from "./errors.js";
import { createPayment } from "./payments.js";
import { createPayout } from "./payouts.js";
import { createRefund } from "./refunds.js";

let t: TestGateway;
afterEach(() => t?.close());

/** A Tx whose first lookup by the idempotency key misses. */
function racing(tx: Tx): Tx {
  let missed = false;
  const miss = <R extends object>(repository: R, method: keyof R): R =>
    new Proxy(repository, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== method || typeof value !== "function") return value;
        return async (...args: unknown[]) => {
          if (!missed) {
            missed = true;
            return null;
          }
          return value.apply(target, args);
        };
      },
    });
  return {
    ...tx,
    payments: miss(tx.payments, "byMerchantTradeNo"),
    payouts: miss(tx.payouts, "byMerchantTradeNo"),
    refunds: miss(tx.refunds, "byMerchantRefundNo"),
  };
}

function context(): DomainContext {
  const { paymentExpiryMs, refundDelayMs, payoutDelayMs, scenarioDelayMs } = t.gateway.options;
  return { now: t.clock.now(), settings: { paymentExpiryMs, refundDelayMs, payoutDelayMs, scenarioDelayMs } };
}

const merchant = async () => (await t.gateway.store.transaction((tx) => tx.merchants.get(MERCHANT.appId)))!;

describe("a duplicate inserted between the read and the insert", () => {
  it("of a payment with the same content answers with the payment already there", async () => {
    t = testGateway();
    const request: PaymentCreateRequest = paymentRequest();
    const first = await t.call("/v2/payment/create", request);
    const m = await merchant();
    const again = await t.gateway.store.transaction((tx) => createPayment(racing(tx), context(), m, request));
    expect(again.paymentNo).toBe(first.data.paymentNo);
  });

  it("of a payment with other content is a duplicate", async () => {
    t = testGateway();
    const request = paymentRequest();
    await t.call("/v2/payment/create", request);
    const m = await merchant();
    const attempt = t.gateway.store.transaction((tx) =>
      createPayment(racing(tx), context(), m, { ...request, amount: "1.00" }),
    );
    await expect(attempt).rejects.toMatchObject({ code: "Payment.Common.Duplicate_Trade_No" });
  });

  it("of a payout releases what this attempt froze", async () => {
    t = testGateway({ payoutDelayMs: null });
    const request: PayoutCreateRequest = payoutRequest({ amount: "100.00" });
    const first = await t.call("/v2/payout/create", request);
    const m = await merchant();
    const again = await t.gateway.store.transaction((tx) => createPayout(racing(tx), context(), m, request));
    expect(again.payoutNo).toBe(first.data.payoutNo);
    expect((await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0].frozenAmount).toBe(
      "101.00",
    );
  });

  it("of a refund gives back what this attempt reserved", async () => {
    t = testGateway({ refundDelayMs: null });
    const { data } = await t.call("/v2/payment/create", paymentRequest({ amount: "50.00" }));
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    const request = refundRequest(data.paymentNo, { amount: "20.00" });
    const first = await t.call("/v2/refund/create", request);
    const m = await merchant();
    const again = await t.gateway.store.transaction((tx) => createRefund(racing(tx), context(), m, request));
    expect(again.refundNo).toBe(first.data.refundNo);
    expect((await t.control("GET", `/payments/${data.paymentNo}`)).data.refundableAmount).toBe("30.00");
  });

  it(
    "is refused after undoing its own writes, so committing the transaction " +
      "anyway (as the API does, for the nonce) leaves nothing behind",
    async () => {
      t = testGateway({ payoutDelayMs: null });
      const request = payoutRequest({ amount: "100.00" });
      await t.call("/v2/payout/create", request);
      const m = await merchant();
      const error = await t.gateway.store.transaction(async (tx) => {
        try {
          await createPayout(racing(tx), context(), m, { ...request, amount: "200.00" });
          return undefined;
        } catch (caught) {
          return caught;
        }
      });
      expect(error).toBeInstanceOf(GatewayError);
      expect((await t.call("/v2/balance/query", { currencies: ["INR"] })).data.balanceList[0].frozenAmount).toBe(
        "101.00",
      );
    },
  );
});
