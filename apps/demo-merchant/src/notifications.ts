// Applying the gateway's verified notifications to the shop's records. Notifications can repeat
// (retries, a re-send) and arrive out of order, so applying one is idempotent twice over: each
// (kind, object, status) is processed once, and a status only ever moves forward out of PENDING,
// never out of a final status.

import type { PaymentNotificationData, PayoutNotificationData, RefundNotificationData } from "@gatekit/types";
import { toMinorUnits } from "@gatekit/types";
import type { Notification } from "@gatekit/webhooks";
import type Database from "better-sqlite3";
import type { NotificationOutcome } from "./records.js";
import { findOrder, findPayout, type Row } from "./tables.js";

/**
 * Applies a verified notification, in one transaction. The first delivery of an event (kind,
 * object, status) is applied; every later one is a `duplicate` and changes nothing. A status
 * only moves out of PENDING, so a late or out-of-order delivery cannot undo a final status.
 * Notifications about objects this shop does not know, or whose amount does not match, are
 * `ignored` (and acknowledged: retrying them would not help).
 */
export function applyNotification(db: Database.Database, notification: Notification): NotificationOutcome {
  return db.transaction((): NotificationOutcome => {
    const now = new Date().toISOString();
    const [objectNo, status] = eventOf(notification);
    const claimed = db
      .prepare(
        `INSERT INTO processed_notifications (kind, object_no, status, outcome, received_at) ` +
          `VALUES (?, ?, ?, '', ?) ON CONFLICT DO NOTHING`,
      )
      .run(notification.kind, objectNo, status, now);
    if (claimed.changes === 0)
      return { result: "duplicate", detail: `${notification.kind} ${objectNo} ${status} was processed before` };
    let outcome: NotificationOutcome;
    switch (notification.kind) {
      case "payment":
        outcome = applyPayment(db, notification.data, now);
        break;
      case "refund":
        outcome = applyRefund(db, notification.data, now);
        break;
      case "payout":
        outcome = applyPayout(db, notification.data, now);
        break;
    }
    db.prepare(`UPDATE processed_notifications SET outcome = ? WHERE kind = ? AND object_no = ? AND status = ?`).run(
      `${outcome.result}: ${outcome.detail}`,
      notification.kind,
      objectNo,
      status,
    );
    return outcome;
  })();
}

function applyPayment(db: Database.Database, data: PaymentNotificationData, now: string): NotificationOutcome {
  const order = findOrder(db, data.merchantTradeNo);
  if (!order) return { result: "ignored", detail: `no order ${data.merchantTradeNo} in this shop` };
  if (order.paymentNo !== null && order.paymentNo !== data.paymentNo) {
    return {
      result: "ignored",
      detail: `order ${order.merchantTradeNo} belongs to payment ${order.paymentNo}, not ${data.paymentNo}`,
    };
  }
  // Never trust that the amount paid is the amount asked for: compare exactly, in minor units.
  if (toMinorUnits(data.amount) !== toMinorUnits(order.amount) || data.currency !== order.currency) {
    return {
      result: "ignored",
      detail:
        `order ${order.merchantTradeNo} is ${order.amount} ${order.currency}, ` +
        `the notification says ${data.amount} ${data.currency}`,
    };
  }
  if (data.status === "PENDING")
    return { result: "ignored", detail: `order ${order.merchantTradeNo} is pending already` };
  const changed = db
    .prepare(
      `UPDATE orders SET status = ?, payment_no = ?, error_info = ?, updated_at = ?
       WHERE merchant_trade_no = ? AND status = 'PENDING'`,
    )
    .run(data.status, data.paymentNo, data.errorInfo ?? null, now, order.merchantTradeNo);
  if (changed.changes === 0)
    return {
      result: "ignored",
      detail: `order ${order.merchantTradeNo} is ${order.status} already; a final status never changes`,
    };
  return { result: "applied", detail: `order ${order.merchantTradeNo} is ${data.status}` };
}

function applyRefund(db: Database.Database, data: RefundNotificationData, now: string): NotificationOutcome {
  const refund = db.prepare(`SELECT * FROM refunds WHERE merchant_refund_no = ?`).get(data.merchantRefundNo) as
    | Row
    | undefined;
  // Refunds are recorded before refund/create is called, so an unknown one was not sent by this shop.
  if (!refund) return { result: "ignored", detail: `no refund ${data.merchantRefundNo} in this shop` };
  if (toMinorUnits(data.amount) !== toMinorUnits(refund["amount"]!)) {
    return {
      result: "ignored",
      detail: `refund ${data.merchantRefundNo} is ${refund["amount"]}, the notification says ${data.amount}`,
    };
  }
  if (data.status === "PENDING")
    return { result: "ignored", detail: `refund ${data.merchantRefundNo} is pending already` };
  const changed = db
    .prepare(
      "UPDATE refunds SET status = ?, refund_no = ?, updated_at = ? " +
        "WHERE merchant_refund_no = ? AND status = 'PENDING'",
    )
    .run(data.status, data.refundNo, now, data.merchantRefundNo);
  if (changed.changes === 0)
    return {
      result: "ignored",
      detail: `refund ${data.merchantRefundNo} is ${refund["status"]} already; a final status never changes`,
    };
  return { result: "applied", detail: `refund ${data.merchantRefundNo} is ${data.status}` };
}

function applyPayout(db: Database.Database, data: PayoutNotificationData, now: string): NotificationOutcome {
  const known = findPayout(db, data.merchantTradeNo);
  // Payouts are recorded before payout/create is called, so an unknown one was not sent by this shop.
  if (!known) return { result: "ignored", detail: `no payout ${data.merchantTradeNo} in this shop` };
  if (toMinorUnits(data.amount) !== toMinorUnits(known.amount)) {
    return {
      result: "ignored",
      detail: `payout ${data.merchantTradeNo} is ${known.amount}, the notification says ${data.amount}`,
    };
  }
  if (data.status === "PENDING")
    return { result: "ignored", detail: `payout ${data.merchantTradeNo} is pending already` };
  const changed = db
    .prepare(
      `UPDATE payouts SET status = ?, payout_no = ?, fee = ?, error_info = ?, updated_at = ?
       WHERE merchant_trade_no = ? AND status = 'PENDING'`,
    )
    .run(data.status, data.payoutNo, data.totalFee, data.errorInfo ?? null, now, data.merchantTradeNo);
  if (changed.changes === 0)
    return {
      result: "ignored",
      detail: `payout ${data.merchantTradeNo} is ${known.status} already; a final status never changes`,
    };
  return { result: "applied", detail: `payout ${data.merchantTradeNo} is ${data.status}` };
}

/** The event a notification reports: the object's gateway id and its status. */
function eventOf(notification: Notification): [objectNo: string, status: string] {
  switch (notification.kind) {
    case "payment":
      return [notification.data.paymentNo, notification.data.status];
    case "refund":
      return [notification.data.refundNo, notification.data.status];
    case "payout":
      return [notification.data.payoutNo, notification.data.status];
  }
}
