import type { RefundRepository } from "../refunds.js";
import { toRefund } from "../records.js";
import type { Row } from "../rows.js";
import { changes, type Connection, row, rows, statement } from "./sql.js";

const insert = statement(
  "refunds_insert",
  `INSERT INTO refunds (
     refund_no, app_id, merchant_refund_no, request_hash, payment_no, amount, currency, description, status,
     failure_reason, scenario, created_at, completed_at, due_at, updated_at
   ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
   ON CONFLICT (app_id, merchant_refund_no) DO NOTHING`,
);
const get = statement("refunds_get", "SELECT * FROM refunds WHERE refund_no = $1");
const getOwned = statement("refunds_get_owned", "SELECT * FROM refunds WHERE refund_no = $1 AND app_id = $2");
const byRefundNo = statement("refunds_by_refund_no", "SELECT * FROM refunds WHERE app_id = $1 AND merchant_refund_no = $2");
const forPayment = statement("refunds_for_payment", "SELECT * FROM refunds WHERE payment_no = $1 ORDER BY created_at, refund_no");
const finish = statement(
  "refunds_finish",
  `UPDATE refunds SET status = $2, failure_reason = $3, completed_at = $4, due_at = NULL, updated_at = $4
   WHERE refund_no = $1 AND status = 'PENDING'`,
);
const due = statement(
  "refunds_due",
  `SELECT * FROM refunds WHERE status = 'PENDING' AND due_at <= $1
     AND ($3::text IS NULL OR app_id = $3) AND ($4::text IS NULL OR payment_no = $4)
   ORDER BY due_at LIMIT $2`,
);

/** The refunds table on PostgreSQL. */
export function postgresRefunds(db: Connection): RefundRepository {
  return {
    async insert(r) {
      const values = [
        r.refundNo, r.appId, r.merchantRefundNo, r.requestHash, r.paymentNo, r.amount, r.currency, r.description, r.status,
        r.failureReason, r.scenario, r.createdAt, r.completedAt, r.dueAt, r.updatedAt,
      ];
      return (await changes(db, insert, values)) === 1;
    },
    async get(refundNo, appId) {
      const found = await (appId === undefined ? row<Row>(db, get, [refundNo]) : row<Row>(db, getOwned, [refundNo, appId]));
      return found ? toRefund(found) : null;
    },
    async byMerchantRefundNo(appId, merchantRefundNo) {
      const found = await row<Row>(db, byRefundNo, [appId, merchantRefundNo]);
      return found ? toRefund(found) : null;
    },
    async forPayment(paymentNo) {
      return (await rows<Row>(db, forPayment, [paymentNo])).map(toRefund);
    },
    async finish(refundNo, change) {
      return (await changes(db, finish, [refundNo, change.status, change.failureReason, change.now])) === 1;
    },
    async due(now, limit, filter = {}) {
      return (await rows<Row>(db, due, [now, limit, filter.appId ?? null, filter.paymentNo ?? null])).map(toRefund);
    },
  };
}
