// The shop's own records, in SQLite: orders, their refunds, payouts, and every notification it has
// processed. Notifications can repeat (retries, a re-send) and arrive out of order, so applying one
// is idempotent twice over: each (kind, object, status) is processed once, and a status only ever
// moves forward out of PENDING, never out of a final status.

import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type {
  Amount,
  Currency,
  PaymentNotificationData,
  PaymentStatus,
  PayoutCreateData,
  PayoutNotificationData,
  PayoutStatus,
  RefundCreateData,
  RefundNotificationData,
  RefundStatus,
} from "@gatekit/types";
import { fromMinorUnits, toMinorUnits } from "@gatekit/types";
import type { Notification } from "@gatekit/webhooks";
import Database from "better-sqlite3";
import type { Product } from "./products.js";

/** An order of the shop; its `status` is the payment's status as the gateway last notified it. */
export interface Order {
  readonly merchantTradeNo: string;
  readonly productId: string;
  readonly description: string;
  readonly amount: Amount;
  readonly currency: Currency;
  readonly status: PaymentStatus;
  /** The gateway's id of the payment, once payment/create answered. */
  readonly paymentNo: string | null;
  /** Why the payment failed, as the gateway said. */
  readonly errorInfo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly refunds: readonly Refund[];
}

/** A refund of an order. */
export interface Refund {
  readonly merchantRefundNo: string;
  readonly merchantTradeNo: string;
  readonly refundNo: string | null;
  readonly amount: Amount;
  readonly currency: Currency;
  readonly status: RefundStatus;
  /** Why the gateway refused to create it. */
  readonly errorInfo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A payout the shop sent. */
export interface Payout {
  readonly merchantTradeNo: string;
  readonly payoutNo: string | null;
  readonly amount: Amount;
  readonly currency: Currency;
  readonly payeeName: string | null;
  readonly vpa: string | null;
  readonly status: PayoutStatus;
  /** The gateway's fee, known from the payout's notification. */
  readonly fee: Amount | null;
  readonly errorInfo: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What applying a notification did. Anything but `applied` changed nothing. */
export interface NotificationOutcome {
  readonly result: "applied" | "duplicate" | "ignored";
  /** Why, in a few words, for the log. */
  readonly detail: string;
}

/** A notification already processed, for the orders page. */
export interface ProcessedNotification {
  readonly kind: Notification["kind"];
  readonly objectNo: string;
  readonly status: string;
  readonly outcome: string;
  readonly receivedAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  merchant_trade_no TEXT PRIMARY KEY,
  product_id        TEXT NOT NULL,
  description       TEXT NOT NULL,
  amount            TEXT NOT NULL,
  currency          TEXT NOT NULL,
  status            TEXT NOT NULL,
  payment_no        TEXT UNIQUE,
  error_info        TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS refunds (
  merchant_refund_no TEXT PRIMARY KEY,
  merchant_trade_no  TEXT NOT NULL REFERENCES orders (merchant_trade_no),
  refund_no          TEXT UNIQUE,
  amount             TEXT NOT NULL,
  currency           TEXT NOT NULL,
  status             TEXT NOT NULL,
  error_info         TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payouts (
  merchant_trade_no TEXT PRIMARY KEY,
  payout_no         TEXT UNIQUE,
  amount            TEXT NOT NULL,
  currency          TEXT NOT NULL,
  payee_name        TEXT,
  vpa               TEXT,
  status            TEXT NOT NULL,
  fee               TEXT,
  error_info        TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
-- One row per event processed: the primary key is what makes a repeated notification a no-op.
CREATE TABLE IF NOT EXISTS processed_notifications (
  kind        TEXT NOT NULL,
  object_no   TEXT NOT NULL,
  status      TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (kind, object_no, status)
);
`;

type Row = Record<string, string | null>;

/** The shop's records. Synchronous: better-sqlite3 is, and each call is one short transaction. */
export class OrderStore {
  readonly #db: Database.Database;

  /** Opens (and creates, with its folder) the database at `path`, or an in-memory one for `:memory:`. */
  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("foreign_keys = ON");
    this.#db.exec(SCHEMA);
  }

  /** Records a new PENDING order for `product`, with a fresh merchantTradeNo. */
  createOrder(product: Product): Order {
    const now = new Date().toISOString();
    const merchantTradeNo = newId("ORD");
    this.#db
      .prepare(
        `INSERT INTO orders (merchant_trade_no, product_id, description, amount, currency, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)`,
      )
      .run(merchantTradeNo, product.id, product.name, product.price, product.currency, now, now);
    return this.order(merchantTradeNo)!;
  }

  /** Remembers the gateway's paymentNo of an order, as payment/create returned it. */
  attachPayment(merchantTradeNo: string, paymentNo: string): void {
    this.#db
      .prepare(`UPDATE orders SET payment_no = ?, updated_at = ? WHERE merchant_trade_no = ? AND payment_no IS NULL`)
      .run(paymentNo, new Date().toISOString(), merchantTradeNo);
  }

  /**
   * Fails an order whose payment the gateway refused to create: no payment exists, so no
   * notification will ever come for it.
   */
  failOrder(merchantTradeNo: string, errorInfo: string): void {
    this.#db
      .prepare(`UPDATE orders SET status = 'FAILED', error_info = ?, updated_at = ? WHERE merchant_trade_no = ? AND status = 'PENDING'`)
      .run(errorInfo, new Date().toISOString(), merchantTradeNo);
  }

  /** The order with this merchantTradeNo, with its refunds. */
  order(merchantTradeNo: string): Order | undefined {
    const row = this.#db.prepare(`SELECT * FROM orders WHERE merchant_trade_no = ?`).get(merchantTradeNo) as Row | undefined;
    return row && this.#withRefunds(row);
  }

  /** Every order, the newest first, with its refunds. */
  orders(): Order[] {
    const rows = this.#db.prepare(`SELECT * FROM orders ORDER BY created_at DESC, rowid DESC`).all() as Row[];
    return rows.map((row) => this.#withRefunds(row));
  }

  /**
   * How much of a paid order can still be refunded, in minor units: the amount minus every
   * refund that is pending or done (a failed refund gives its amount back). Zero unless PAID.
   */
  refundableMinor(order: Order): bigint {
    if (order.status !== "PAID") return 0n;
    const taken = order.refunds.filter((refund) => refund.status !== "FAILED").reduce((sum, refund) => sum + toMinorUnits(refund.amount), 0n);
    const left = toMinorUnits(order.amount) - taken;
    return left > 0n ? left : 0n;
  }

  /** {@link refundableMinor} as an amount string. */
  refundable(order: Order): Amount {
    return fromMinorUnits(this.refundableMinor(order));
  }

  /**
   * Records a refund before refund/create is called, so that its notification always finds it,
   * even one that overtakes the call's answer. A form sent twice has the same merchantRefundNo:
   * the second call changes nothing here, and the gateway answers it with the same refund.
   */
  startRefund(order: Order, merchantRefundNo: string, amount: Amount): void {
    const now = new Date().toISOString();
    this.#db
      .prepare(
        `INSERT INTO refunds (merchant_refund_no, merchant_trade_no, amount, currency, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT (merchant_refund_no) DO NOTHING`,
      )
      .run(merchantRefundNo, order.merchantTradeNo, amount, order.currency, now, now);
  }

  /** Records refund/create's answer: the gateway's refundNo, and its status if that is final already. */
  refundCreated(refund: RefundCreateData): void {
    this.#db
      .prepare(
        `UPDATE refunds SET refund_no = ?, status = CASE WHEN status = 'PENDING' THEN ? ELSE status END, updated_at = ?
         WHERE merchant_refund_no = ?`,
      )
      .run(refund.refundNo, refund.status, new Date().toISOString(), refund.merchantRefundNo);
  }

  /** Fails a refund the gateway refused to create (its amount becomes refundable again). */
  failRefund(merchantRefundNo: string, errorInfo: string): void {
    this.#db
      .prepare(`UPDATE refunds SET status = 'FAILED', error_info = ?, updated_at = ? WHERE merchant_refund_no = ? AND status = 'PENDING'`)
      .run(errorInfo, new Date().toISOString(), merchantRefundNo);
  }

  /** Records a payout before payout/create is called, so that its notification always finds it. */
  startPayout(payout: { readonly merchantTradeNo: string; readonly amount: Amount; readonly currency: Currency; readonly payeeName: string; readonly vpa: string }): void {
    const now = new Date().toISOString();
    this.#db
      .prepare(
        `INSERT INTO payouts (merchant_trade_no, amount, currency, payee_name, vpa, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT (merchant_trade_no) DO NOTHING`,
      )
      .run(payout.merchantTradeNo, payout.amount, payout.currency, payout.payeeName, payout.vpa, now, now);
  }

  /** Records payout/create's answer: the gateway's payoutNo, and its status if that is final already. */
  payoutCreated(payout: PayoutCreateData): void {
    this.#db
      .prepare(
        `UPDATE payouts SET payout_no = ?, status = CASE WHEN status = 'PENDING' THEN ? ELSE status END, updated_at = ?
         WHERE merchant_trade_no = ?`,
      )
      .run(payout.payoutNo, payout.status, new Date().toISOString(), payout.merchantTradeNo);
  }

  /** Fails a payout the gateway refused to create (nothing was frozen). */
  failPayout(merchantTradeNo: string, errorInfo: string): void {
    this.#db
      .prepare(`UPDATE payouts SET status = 'FAILED', error_info = ?, updated_at = ? WHERE merchant_trade_no = ? AND status = 'PENDING'`)
      .run(errorInfo, new Date().toISOString(), merchantTradeNo);
  }

  /** Every payout, the newest first. */
  payouts(): Payout[] {
    const rows = this.#db.prepare(`SELECT * FROM payouts ORDER BY created_at DESC, rowid DESC`).all() as Row[];
    return rows.map(payoutOf);
  }

  /** The payout with this merchantTradeNo. */
  payout(merchantTradeNo: string): Payout | undefined {
    const row = this.#db.prepare(`SELECT * FROM payouts WHERE merchant_trade_no = ?`).get(merchantTradeNo) as Row | undefined;
    return row && payoutOf(row);
  }

  /** The notifications processed so far, the newest first. */
  processedNotifications(limit = 50): ProcessedNotification[] {
    const rows = this.#db.prepare(`SELECT * FROM processed_notifications ORDER BY received_at DESC, rowid DESC LIMIT ?`).all(limit) as Row[];
    return rows.map((row) => ({
      kind: row["kind"] as Notification["kind"],
      objectNo: row["object_no"]!,
      status: row["status"]!,
      outcome: row["outcome"]!,
      receivedAt: row["received_at"]!,
    }));
  }

  /**
   * Applies a verified notification, in one transaction. The first delivery of an event (kind,
   * object, status) is applied; every later one is a `duplicate` and changes nothing. A status
   * only moves out of PENDING, so a late or out-of-order delivery cannot undo a final status.
   * Notifications about objects this shop does not know, or whose amount does not match, are
   * `ignored` (and acknowledged: retrying them would not help).
   */
  applyNotification(notification: Notification): NotificationOutcome {
    return this.#db.transaction((): NotificationOutcome => {
      const now = new Date().toISOString();
      const [objectNo, status] = eventOf(notification);
      const claimed = this.#db
        .prepare(`INSERT INTO processed_notifications (kind, object_no, status, outcome, received_at) VALUES (?, ?, ?, '', ?) ON CONFLICT DO NOTHING`)
        .run(notification.kind, objectNo, status, now);
      if (claimed.changes === 0) return { result: "duplicate", detail: `${notification.kind} ${objectNo} ${status} was processed before` };
      let outcome: NotificationOutcome;
      switch (notification.kind) {
        case "payment":
          outcome = this.#applyPayment(notification.data, now);
          break;
        case "refund":
          outcome = this.#applyRefund(notification.data, now);
          break;
        case "payout":
          outcome = this.#applyPayout(notification.data, now);
          break;
      }
      this.#db
        .prepare(`UPDATE processed_notifications SET outcome = ? WHERE kind = ? AND object_no = ? AND status = ?`)
        .run(`${outcome.result}: ${outcome.detail}`, notification.kind, objectNo, status);
      return outcome;
    })();
  }

  /** Closes the database. */
  close(): void {
    this.#db.close();
  }

  #applyPayment(data: PaymentNotificationData, now: string): NotificationOutcome {
    const order = this.order(data.merchantTradeNo);
    if (!order) return { result: "ignored", detail: `no order ${data.merchantTradeNo} in this shop` };
    if (order.paymentNo !== null && order.paymentNo !== data.paymentNo) {
      return { result: "ignored", detail: `order ${order.merchantTradeNo} belongs to payment ${order.paymentNo}, not ${data.paymentNo}` };
    }
    // Never trust that the amount paid is the amount asked for: compare exactly, in minor units.
    if (toMinorUnits(data.amount) !== toMinorUnits(order.amount) || data.currency !== order.currency) {
      return { result: "ignored", detail: `order ${order.merchantTradeNo} is ${order.amount} ${order.currency}, the notification says ${data.amount} ${data.currency}` };
    }
    if (data.status === "PENDING") return { result: "ignored", detail: `order ${order.merchantTradeNo} is pending already` };
    const changed = this.#db
      .prepare(
        `UPDATE orders SET status = ?, payment_no = ?, error_info = ?, updated_at = ?
         WHERE merchant_trade_no = ? AND status = 'PENDING'`,
      )
      .run(data.status, data.paymentNo, data.errorInfo ?? null, now, order.merchantTradeNo);
    if (changed.changes === 0) return { result: "ignored", detail: `order ${order.merchantTradeNo} is ${order.status} already; a final status never changes` };
    return { result: "applied", detail: `order ${order.merchantTradeNo} is ${data.status}` };
  }

  #applyRefund(data: RefundNotificationData, now: string): NotificationOutcome {
    const refund = this.#db.prepare(`SELECT * FROM refunds WHERE merchant_refund_no = ?`).get(data.merchantRefundNo) as Row | undefined;
    // Refunds are recorded before refund/create is called, so an unknown one was not sent by this shop.
    if (!refund) return { result: "ignored", detail: `no refund ${data.merchantRefundNo} in this shop` };
    if (toMinorUnits(data.amount) !== toMinorUnits(refund["amount"]!)) {
      return { result: "ignored", detail: `refund ${data.merchantRefundNo} is ${refund["amount"]}, the notification says ${data.amount}` };
    }
    if (data.status === "PENDING") return { result: "ignored", detail: `refund ${data.merchantRefundNo} is pending already` };
    const changed = this.#db
      .prepare(`UPDATE refunds SET status = ?, refund_no = ?, updated_at = ? WHERE merchant_refund_no = ? AND status = 'PENDING'`)
      .run(data.status, data.refundNo, now, data.merchantRefundNo);
    if (changed.changes === 0) return { result: "ignored", detail: `refund ${data.merchantRefundNo} is ${refund["status"]} already; a final status never changes` };
    return { result: "applied", detail: `refund ${data.merchantRefundNo} is ${data.status}` };
  }

  #applyPayout(data: PayoutNotificationData, now: string): NotificationOutcome {
    const known = this.payout(data.merchantTradeNo);
    // Payouts are recorded before payout/create is called, so an unknown one was not sent by this shop.
    if (!known) return { result: "ignored", detail: `no payout ${data.merchantTradeNo} in this shop` };
    if (toMinorUnits(data.amount) !== toMinorUnits(known.amount)) {
      return { result: "ignored", detail: `payout ${data.merchantTradeNo} is ${known.amount}, the notification says ${data.amount}` };
    }
    if (data.status === "PENDING") return { result: "ignored", detail: `payout ${data.merchantTradeNo} is pending already` };
    const changed = this.#db
      .prepare(
        `UPDATE payouts SET status = ?, payout_no = ?, fee = ?, error_info = ?, updated_at = ?
         WHERE merchant_trade_no = ? AND status = 'PENDING'`,
      )
      .run(data.status, data.payoutNo, data.totalFee, data.errorInfo ?? null, now, data.merchantTradeNo);
    if (changed.changes === 0) return { result: "ignored", detail: `payout ${data.merchantTradeNo} is ${known.status} already; a final status never changes` };
    return { result: "applied", detail: `payout ${data.merchantTradeNo} is ${data.status}` };
  }

  #withRefunds(row: Row): Order {
    const refunds = this.#db.prepare(`SELECT * FROM refunds WHERE merchant_trade_no = ? ORDER BY created_at, rowid`).all(row["merchant_trade_no"]) as Row[];
    return {
      merchantTradeNo: row["merchant_trade_no"]!,
      productId: row["product_id"]!,
      description: row["description"]!,
      amount: row["amount"]!,
      currency: row["currency"]!,
      status: row["status"] as PaymentStatus,
      paymentNo: row["payment_no"] ?? null,
      errorInfo: row["error_info"] ?? null,
      createdAt: row["created_at"]!,
      updatedAt: row["updated_at"]!,
      refunds: refunds.map((refund) => ({
        merchantRefundNo: refund["merchant_refund_no"]!,
        merchantTradeNo: refund["merchant_trade_no"]!,
        refundNo: refund["refund_no"] ?? null,
        amount: refund["amount"]!,
        currency: refund["currency"]!,
        status: refund["status"] as RefundStatus,
        errorInfo: refund["error_info"] ?? null,
        createdAt: refund["created_at"]!,
        updatedAt: refund["updated_at"]!,
      })),
    };
  }
}

/**
 * A new merchant-side id such as `ORD-20261127T104412-3F9A2C0B5E71D4A8`: sortable by time, unique enough
 * for one shop, and well under the gateway's 50 characters.
 */
export function newId(prefix: "ORD" | "RFD" | "PO"): string {
  const time = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  // 64 random bits: ids made in the same second never collide in practice (24 bits did, once in
  // about 14 000 batches of 50).
  return `${prefix}-${time}-${randomBytes(8).toString("hex").toUpperCase()}`;
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

function payoutOf(row: Row): Payout {
  return {
    merchantTradeNo: row["merchant_trade_no"]!,
    payoutNo: row["payout_no"] ?? null,
    amount: row["amount"]!,
    currency: row["currency"]!,
    payeeName: row["payee_name"] ?? null,
    vpa: row["vpa"] ?? null,
    status: row["status"] as PayoutStatus,
    fee: row["fee"] ?? null,
    errorInfo: row["error_info"] ?? null,
    createdAt: row["created_at"]!,
    updatedAt: row["updated_at"]!,
  };
}
