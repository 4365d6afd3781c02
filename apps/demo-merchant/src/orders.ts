// The shop's own records, in SQLite: orders, their refunds, payouts, and every notification it has
// processed. The tables and their rows are in tables.ts, applying a notification in
// notifications.ts; this is the store the routes and pages use.

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Amount, Currency, PayoutCreateData, RefundCreateData } from "@gatekit/types";
import { fromMinorUnits, toMinorUnits } from "@gatekit/types";
import type { Notification } from "@gatekit/webhooks";
import Database from "better-sqlite3";
import { newId } from "./ids.js";
import { applyNotification } from "./notifications.js";
import type { Product } from "./products.js";
import type { NotificationOutcome, Order, Payout, ProcessedNotification } from "./records.js";
import { findOrder, findPayout, orderOf, payoutOf, processedOf, type Row, SCHEMA } from "./tables.js";

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
        "INSERT INTO orders (merchant_trade_no, product_id, description, amount, currency, status, " +
          "created_at, updated_at)\n         VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)",
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
      .prepare(
        "UPDATE orders SET status = 'FAILED', error_info = ?, updated_at = ? " +
          "WHERE merchant_trade_no = ? AND status = 'PENDING'",
      )
      .run(errorInfo, new Date().toISOString(), merchantTradeNo);
  }

  /** The order with this merchantTradeNo, with its refunds. */
  order(merchantTradeNo: string): Order | undefined {
    return findOrder(this.#db, merchantTradeNo);
  }

  /** Every order, the newest first, with its refunds. */
  orders(): Order[] {
    const rows = this.#db.prepare(`SELECT * FROM orders ORDER BY created_at DESC, rowid DESC`).all() as Row[];
    return rows.map((row) => orderOf(this.#db, row));
  }

  /**
   * How much of a paid order can still be refunded, in minor units: the amount minus every
   * refund that is pending or done (a failed refund gives its amount back). Zero unless PAID.
   */
  refundableMinor(order: Order): bigint {
    if (order.status !== "PAID") return 0n;
    const taken = order.refunds
      .filter((refund) => refund.status !== "FAILED")
      .reduce((sum, refund) => sum + toMinorUnits(refund.amount), 0n);
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
      .prepare(
        "UPDATE refunds SET status = 'FAILED', error_info = ?, updated_at = ? " +
          "WHERE merchant_refund_no = ? AND status = 'PENDING'",
      )
      .run(errorInfo, new Date().toISOString(), merchantRefundNo);
  }

  /** Records a payout before payout/create is called, so that its notification always finds it. */
  startPayout(payout: {
    readonly merchantTradeNo: string;
    readonly amount: Amount;
    readonly currency: Currency;
    readonly payeeName: string;
    readonly vpa: string;
  }): void {
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
      .prepare(
        "UPDATE payouts SET status = 'FAILED', error_info = ?, updated_at = ? " +
          "WHERE merchant_trade_no = ? AND status = 'PENDING'",
      )
      .run(errorInfo, new Date().toISOString(), merchantTradeNo);
  }

  /** Every payout, the newest first. */
  payouts(): Payout[] {
    const rows = this.#db.prepare(`SELECT * FROM payouts ORDER BY created_at DESC, rowid DESC`).all() as Row[];
    return rows.map(payoutOf);
  }

  /** The payout with this merchantTradeNo. */
  payout(merchantTradeNo: string): Payout | undefined {
    return findPayout(this.#db, merchantTradeNo);
  }

  /** The notifications processed so far, the newest first. */
  processedNotifications(limit = 50): ProcessedNotification[] {
    const rows = this.#db
      .prepare(`SELECT * FROM processed_notifications ORDER BY received_at DESC, rowid DESC LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(processedOf);
  }

  /**
   * Applies a verified notification, in one transaction: the first delivery of an event is
   * applied, every later one is a `duplicate` (see notifications.ts).
   */
  applyNotification(notification: Notification): NotificationOutcome {
    return applyNotification(this.#db, notification);
  }

  /** Closes the database. */
  close(): void {
    this.#db.close();
  }
}
