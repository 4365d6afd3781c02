import type { Database } from "better-sqlite3";
import type { RefundRepository } from "../refunds.js";
import { toRefund } from "../records.js";
import type { Row } from "../rows.js";

/** The refunds table on SQLite. */
export function sqliteRefunds(db: Database): RefundRepository {
  const insert = db.prepare(`
    INSERT INTO refunds (
      refund_no, app_id, merchant_refund_no, request_hash, payment_no, amount, currency, description, status,
      failure_reason, scenario, created_at, completed_at, due_at, updated_at
    ) VALUES (
      @refundNo, @appId, @merchantRefundNo, @requestHash, @paymentNo, @amount, @currency, @description, @status,
      @failureReason, @scenario, @createdAt, @completedAt, @dueAt, @updatedAt
    ) ON CONFLICT (app_id, merchant_refund_no) DO NOTHING`);
  const get = db.prepare("SELECT * FROM refunds WHERE refund_no = ?");
  const getOwned = db.prepare("SELECT * FROM refunds WHERE refund_no = ? AND app_id = ?");
  const byRefundNo = db.prepare("SELECT * FROM refunds WHERE app_id = ? AND merchant_refund_no = ?");
  const forPayment = db.prepare("SELECT * FROM refunds WHERE payment_no = ? ORDER BY created_at, refund_no");
  const finish = db.prepare(`
    UPDATE refunds SET status = @status, failure_reason = @failureReason, completed_at = @now, due_at = NULL, updated_at = @now
    WHERE refund_no = @refundNo AND status = 'PENDING'`);
  const due = db.prepare(`
    SELECT * FROM refunds WHERE status = 'PENDING' AND due_at <= @now
      AND (@appId IS NULL OR app_id = @appId) AND (@paymentNo IS NULL OR payment_no = @paymentNo)
    ORDER BY due_at LIMIT @limit`);

  return {
    async insert(refund) {
      return insert.run(refund).changes === 1;
    },
    async get(refundNo, appId) {
      const row = (appId === undefined ? get.get(refundNo) : getOwned.get(refundNo, appId)) as Row | undefined;
      return row ? toRefund(row) : null;
    },
    async byMerchantRefundNo(appId, merchantRefundNo) {
      const row = byRefundNo.get(appId, merchantRefundNo) as Row | undefined;
      return row ? toRefund(row) : null;
    },
    async forPayment(paymentNo) {
      return (forPayment.all(paymentNo) as Row[]).map(toRefund);
    },
    async finish(refundNo, change) {
      return finish.run({ refundNo, ...change }).changes === 1;
    },
    async due(now, limit, filter = {}) {
      const rows = due.all({ now, limit, appId: filter.appId ?? null, paymentNo: filter.paymentNo ?? null }) as Row[];
      return rows.map(toRefund);
    },
  };
}
