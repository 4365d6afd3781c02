// Compile-time checks (tsc --build runs them; at run time they are no-ops): the notification types
// are the contract's, and narrowing by kind works.

import type {
  NotificationKind as ContractNotificationKind,
  PaymentNotification,
  PaymentNotificationData,
  PayoutNotification,
  PayoutNotificationData,
  RefundNotification,
  RefundNotificationData,
} from "@gatekit/types";
import { describe, expectTypeOf, it } from "vitest";
import type { Notification, NotificationBody, NotificationData, NotificationKind } from "./index.js";

describe("the notification types", () => {
  it("are the contract's webhooks", () => {
    expectTypeOf<NotificationBody<"payment">>().toEqualTypeOf<PaymentNotification>();
    expectTypeOf<NotificationBody<"refund">>().toEqualTypeOf<RefundNotification>();
    expectTypeOf<NotificationBody<"payout">>().toEqualTypeOf<PayoutNotification>();
    expectTypeOf<NotificationData<"payment">>().toEqualTypeOf<PaymentNotificationData>();
    // The webhook's data is the envelope's open object and the refund fields; the alias is the
    // refund fields alone. Each fits the other.
    expectTypeOf<NotificationData<"refund">>().toExtend<RefundNotificationData>();
    expectTypeOf<RefundNotificationData>().toExtend<NotificationData<"refund">>();
    expectTypeOf<NotificationData<"payout">>().toEqualTypeOf<PayoutNotificationData>();
    expectTypeOf<NotificationData>().toExtend<
      PaymentNotificationData | RefundNotificationData | PayoutNotificationData
    >();
  });

  it("keep exporting the contract's notification kinds", () => {
    expectTypeOf<NotificationKind>().toEqualTypeOf<ContractNotificationKind>();
    expectTypeOf<NotificationKind>().toEqualTypeOf<"payment" | "refund" | "payout">();
  });

  it("narrow data by kind", () => {
    const handle = (n: Notification) => {
      switch (n.kind) {
        case "payment":
          expectTypeOf(n.data).toEqualTypeOf<PaymentNotificationData>();
          return n.data.paymentNo;
        case "refund":
          expectTypeOf(n.data).toEqualTypeOf<NotificationData<"refund">>();
          expectTypeOf(n.data).toExtend<RefundNotificationData>();
          return n.data.refundNo;
        case "payout":
          expectTypeOf(n.data).toEqualTypeOf<PayoutNotificationData>();
          return n.data.payoutNo;
      }
    };
    expectTypeOf(handle).returns.toEqualTypeOf<string>();
    expectTypeOf<Notification["timestamp"]>().toEqualTypeOf<number>();
  });
});
