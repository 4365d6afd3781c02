// The shop's SQLite tables, and their rows read back as records.

import type { PaymentStatus, PayoutStatus, RefundStatus } from "@gatekit/types";
import type { Notification } from "@gatekit/webhooks";
import type Database from "better-sqlite3";
import type { Order, Payout, ProcessedNotification } from "./records.js";

/** The tables, created when missing. */
export const SCHEMA = `
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

/** A row as better-sqlite3 returns it. */
export type Row = Record<string, string | null>;

/** The order in `row`, with its refunds. */
export function orderOf(db: Database.Database, row: Row): Order {
  const refunds = db
    .prepare(`SELECT * FROM refunds WHERE merchant_trade_no = ? ORDER BY created_at, rowid`)
    .all(row["merchant_trade_no"]) as Row[];
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

/** The order with this merchantTradeNo, with its refunds. */
export function findOrder(db: Database.Database, merchantTradeNo: string): Order | undefined {
  const row = db.prepare(`SELECT * FROM orders WHERE merchant_trade_no = ?`).get(merchantTradeNo) as Row | undefined;
  return row && orderOf(db, row);
}

/** The payout in `row`. */
export function payoutOf(row: Row): Payout {
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

/** The payout with this merchantTradeNo. */
export function findPayout(db: Database.Database, merchantTradeNo: string): Payout | undefined {
  const row = db.prepare(`SELECT * FROM payouts WHERE merchant_trade_no = ?`).get(merchantTradeNo) as Row | undefined;
  return row && payoutOf(row);
}

/** The processed notification in `row`. */
export function processedOf(row: Row): ProcessedNotification {
  return {
    kind: row["kind"] as Notification["kind"],
    objectNo: row["object_no"]!,
    status: row["status"]!,
    outcome: row["outcome"]!,
    receivedAt: row["received_at"]!,
  };
}
