// The order records: notifications applied once per event, statuses that only move forward out of
// PENDING, amounts compared exactly, refundable amounts in minor units, and a file that survives
// a restart.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PaymentNotificationData, PayoutNotificationData, RefundNotificationData } from "@gatekit/types";
import type { Notification } from "@gatekit/webhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newId } from "./ids.js";
import { OrderStore } from "./orders.js";
import { findProduct } from "./products.js";

const notebook = findProduct("notebook")!;
let store: OrderStore;
let nonce = 0;

beforeEach(() => {
  store = new OrderStore(":memory:");
});
afterEach(() => store.close());

function notification<K extends Notification["kind"]>(
  kind: K,
  data: Extract<Notification, { kind: K }>["data"],
): Notification {
  return { kind, data, timestamp: Date.now(), nonce: String(++nonce).padStart(32, "0") } as Notification;
}

function payment(
  merchantTradeNo: string,
  paymentNo: string,
  extra: Partial<PaymentNotificationData> = {},
): Notification {
  return notification("payment", {
    paymentNo,
    merchantTradeNo,
    amount: "120.00",
    currency: "INR",
    status: "PAID",
    refundStatus: "NONE",
    createdTime: "2026-11-27T10:50:44.123+08:00",
    paidTime: "2026-11-27T10:52:03+08:00",
    ...extra,
  });
}

function paidOrder() {
  const order = store.createOrder(notebook);
  store.attachPayment(order.merchantTradeNo, "PAY1");
  expect(store.applyNotification(payment(order.merchantTradeNo, "PAY1")).result).toBe("applied");
  return store.order(order.merchantTradeNo)!;
}

describe("payment notifications", () => {
  it("mark a pending order paid once; a repeated one changes nothing", () => {
    const order = store.createOrder(notebook);
    store.attachPayment(order.merchantTradeNo, "PAY1");
    expect(store.order(order.merchantTradeNo)).toMatchObject({
      status: "PENDING",
      paymentNo: "PAY1",
      amount: "120.00",
    });

    expect(store.applyNotification(payment(order.merchantTradeNo, "PAY1"))).toEqual({
      result: "applied",
      detail: `order ${order.merchantTradeNo} is PAID`,
    });
    const paid = store.order(order.merchantTradeNo)!;
    expect(paid.status).toBe("PAID");

    // Delivered again (a retry has a new nonce and timestamp, the same content).
    expect(store.applyNotification(payment(order.merchantTradeNo, "PAY1")).result).toBe("duplicate");
    expect(store.order(order.merchantTradeNo)).toEqual(paid);
    expect(store.processedNotifications()).toEqual([
      expect.objectContaining({
        kind: "payment",
        objectNo: "PAY1",
        status: "PAID",
        outcome: `applied: order ${order.merchantTradeNo} is PAID`,
      }),
    ]);
  });

  it("never move an order out of a final status", () => {
    const paid = paidOrder();
    const late = store.applyNotification(payment(paid.merchantTradeNo, "PAY1", { status: "CLOSED", paidTime: null }));
    expect(late).toMatchObject({ result: "ignored", detail: expect.stringContaining("is PAID already") });
    expect(store.order(paid.merchantTradeNo)).toEqual(paid);
  });

  it("record the failure reason of a failed payment", () => {
    const order = store.createOrder(notebook);
    store.attachPayment(order.merchantTradeNo, "PAY2");
    store.applyNotification(
      payment(order.merchantTradeNo, "PAY2", {
        status: "FAILED",
        paidTime: null,
        errorCode: "Payment.Common.Rejected",
        errorInfo: "Declined by the payer's bank",
      }),
    );
    expect(store.order(order.merchantTradeNo)).toMatchObject({
      status: "FAILED",
      errorInfo: "Declined by the payer's bank",
    });
  });

  it.each([
    ["another amount", { amount: "12.00" }],
    ["another currency", { currency: "BRL" }],
    ["another payment", { paymentNo: "PAY-OTHER" }],
  ])("are ignored when they name %s", (_, change) => {
    const order = store.createOrder(notebook);
    store.attachPayment(order.merchantTradeNo, "PAY3");
    expect(store.applyNotification(payment(order.merchantTradeNo, "PAY3", change)).result).toBe("ignored");
    expect(store.order(order.merchantTradeNo)?.status).toBe("PENDING");
  });

  it("are ignored for orders this shop does not have", () => {
    expect(store.applyNotification(payment("ORD-NOT-HERE", "PAY4"))).toMatchObject({
      result: "ignored",
      detail: "no order ORD-NOT-HERE in this shop",
    });
    expect(store.orders()).toEqual([]);
  });
});

describe("refunds", () => {
  function refund(merchantRefundNo: string, amount: string, status: RefundNotificationData["status"]): Notification {
    return notification("refund", {
      refundNo: `R-${merchantRefundNo}`,
      paymentNo: "PAY1",
      merchantRefundNo,
      amount,
      currency: "INR",
      status,
      createdTime: "2026-11-27T10:55:00+08:00",
    });
  }

  it("count against the refundable amount while pending or done, and give it back when failed", () => {
    const order = paidOrder();
    expect(store.refundable(order)).toBe("120.00");
    store.startRefund(order, "RFD-1", "20.05");
    store.startRefund(order, "RFD-2", "30.00");
    expect(store.refundable(store.order(order.merchantTradeNo)!)).toBe("69.95");

    expect(store.applyNotification(refund("RFD-1", "20.05", "REFUNDED")).result).toBe("applied");
    expect(store.applyNotification(refund("RFD-2", "30.00", "FAILED")).result).toBe("applied");
    const after = store.order(order.merchantTradeNo)!;
    expect(after.refunds.map((r) => [r.merchantRefundNo, r.status, r.refundNo])).toEqual([
      ["RFD-1", "REFUNDED", "R-RFD-1"],
      ["RFD-2", "FAILED", "R-RFD-2"],
    ]);
    expect(store.refundable(after)).toBe("99.95");

    // A repeat, and a late contradiction of a final status: both change nothing.
    expect(store.applyNotification(refund("RFD-1", "20.05", "REFUNDED")).result).toBe("duplicate");
    expect(store.applyNotification(refund("RFD-2", "30.00", "REFUNDED")).result).toBe("ignored");
    expect(store.order(order.merchantTradeNo)).toEqual(after);
  });

  it("keep a final status when refund/create's answer comes after the notification", () => {
    const order = paidOrder();
    store.startRefund(order, "RFD-3", "10.00");
    store.applyNotification(refund("RFD-3", "10.00", "REFUNDED"));
    store.refundCreated({
      refundNo: "R-RFD-3",
      paymentNo: "PAY1",
      merchantRefundNo: "RFD-3",
      amount: "10.00",
      currency: "INR",
      status: "PENDING",
      createdTime: "2026-11-27T10:55:00+08:00",
    });
    expect(store.order(order.merchantTradeNo)?.refunds[0]?.status).toBe("REFUNDED");
  });

  it("are refundable only from a paid order", () => {
    expect(store.refundable(store.createOrder(notebook))).toBe("0.00");
  });

  it("the gateway refused are failed locally with its code", () => {
    const order = paidOrder();
    store.startRefund(order, "RFD-4", "10.00");
    store.failRefund("RFD-4", "Refund.Common.Exceeds_Refundable");
    expect(store.order(order.merchantTradeNo)?.refunds[0]).toMatchObject({
      status: "FAILED",
      errorInfo: "Refund.Common.Exceeds_Refundable",
    });
  });
});

describe("payouts", () => {
  function payout(merchantTradeNo: string, status: PayoutNotificationData["status"], totalFee = "2.50"): Notification {
    return notification("payout", {
      payoutNo: `P-${merchantTradeNo}`,
      merchantTradeNo,
      amount: "250.00",
      currency: "INR",
      totalFee,
      status,
      createdTime: "2026-11-27T10:55:00+08:00",
      paidTime: status === "PAID" ? "2026-11-27T10:55:01+08:00" : null,
    });
  }

  it("move from PENDING to the notified status once, with the fee", () => {
    store.startPayout({
      merchantTradeNo: "PO-1",
      amount: "250.00",
      currency: "INR",
      payeeName: "Ravi Kumar",
      vpa: "ravi@okbank",
    });
    store.payoutCreated({
      payoutNo: "P-PO-1",
      merchantTradeNo: "PO-1",
      amount: "250.00",
      currency: "INR",
      status: "PENDING",
    });
    expect(store.payout("PO-1")).toMatchObject({ status: "PENDING", payoutNo: "P-PO-1", fee: null });
    expect(store.applyNotification(payout("PO-1", "PAID")).result).toBe("applied");
    const paid = store.payout("PO-1");
    expect(paid).toMatchObject({ status: "PAID", fee: "2.50", payeeName: "Ravi Kumar", vpa: "ravi@okbank" });
    expect(store.applyNotification(payout("PO-1", "PAID")).result).toBe("duplicate");
    expect(store.applyNotification(payout("PO-1", "FAILED", "0.00")).result).toBe("ignored");
    expect(store.payout("PO-1")).toEqual(paid);
  });

  it("this shop did not send are ignored", () => {
    expect(store.applyNotification(payout("PO-ELSEWHERE", "PAID")).result).toBe("ignored");
    expect(store.payouts()).toEqual([]);
  });
});

describe("the database file", () => {
  it("keeps orders and processed notifications across a restart", () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-shop-"));
    try {
      const path = join(dir, "nested", "shop.db");
      const first = new OrderStore(path);
      const order = first.createOrder(notebook);
      first.attachPayment(order.merchantTradeNo, "PAY9");
      first.applyNotification(payment(order.merchantTradeNo, "PAY9"));
      first.close();
      const second = new OrderStore(path);
      expect(second.order(order.merchantTradeNo)?.status).toBe("PAID");
      expect(second.applyNotification(payment(order.merchantTradeNo, "PAY9")).result).toBe("duplicate");
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("newId", () => {
  it("makes distinct, sortable ids within the gateway's 50 characters", () => {
    const ids = Array.from({ length: 50 }, () => newId("ORD"));
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^ORD-\d{8}T\d{6}-[0-9A-F]{16}$/);
    expect(newId("RFD").length).toBeLessThanOrEqual(50);
  });
});
