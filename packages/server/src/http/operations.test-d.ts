// The handlers are typed from the contract: each takes its operation's request and resolves to its
// `data`, so a change in the spec that a handler does not follow fails to compile.

import type {
  ApiOperationId,
  BalanceQueryData,
  BalanceQueryRequest,
  PaymentCreateData,
  PaymentCreateRequest,
  PaymentQueryData,
  PaymentQueryRequest,
  PayoutCreateData,
  PayoutCreateRequest,
  PayoutQueryData,
  PayoutQueryRequest,
  RefundCreateData,
  RefundCreateRequest,
} from "@gatekit/types";
import { describe, expectTypeOf, it } from "vitest";
import { handlers, type OperationHandler, runOperation } from "./operations.js";

describe("the operation handlers", () => {
  it("cover exactly the contract's operations", () => {
    expectTypeOf<keyof typeof handlers>().toEqualTypeOf<ApiOperationId>();
  });

  it("take each operation's request", () => {
    expectTypeOf(handlers.createPayment).parameter(3).toEqualTypeOf<PaymentCreateRequest>();
    expectTypeOf(handlers.queryPayment).parameter(3).toEqualTypeOf<PaymentQueryRequest>();
    expectTypeOf(handlers.createRefund).parameter(3).toEqualTypeOf<RefundCreateRequest>();
    expectTypeOf(handlers.createPayout).parameter(3).toEqualTypeOf<PayoutCreateRequest>();
    expectTypeOf(handlers.queryPayout).parameter(3).toEqualTypeOf<PayoutQueryRequest>();
    expectTypeOf(handlers.queryBalance).parameter(3).toEqualTypeOf<BalanceQueryRequest>();
  });

  it("resolve to each operation's data", () => {
    expectTypeOf(handlers.createPayment).returns.resolves.toEqualTypeOf<PaymentCreateData>();
    expectTypeOf(handlers.queryPayment).returns.resolves.toEqualTypeOf<PaymentQueryData>();
    expectTypeOf(handlers.createRefund).returns.resolves.toEqualTypeOf<RefundCreateData>();
    expectTypeOf(handlers.createPayout).returns.resolves.toEqualTypeOf<PayoutCreateData>();
    expectTypeOf(handlers.queryPayout).returns.resolves.toEqualTypeOf<PayoutQueryData>();
    expectTypeOf(handlers.queryBalance).returns.resolves.toEqualTypeOf<BalanceQueryData>();
    expectTypeOf(runOperation<"queryPayout">).returns.resolves.toEqualTypeOf<PayoutQueryData>();
  });

  it("refuse a handler that answers with another operation's data", () => {
    const created = {} as PaymentCreateData;
    // @ts-expect-error: payment/query's data has refundStatus and paidTime, not an action
    const wrong: OperationHandler<"queryPayment"> = async () => created;
    expectTypeOf(wrong).not.toBeAny();
  });
});
