import type { PaymentRepository } from "../payments.js";
import { toPayment } from "../records.js";
import type { Row } from "../rows.js";
import { changes, type Connection, row, rows, statement } from "./sql.js";

const insert = statement(
  "payments_insert",
  `INSERT INTO payments (
     payment_no, app_id, merchant_trade_no, request_hash, amount, currency, description, pay_method_type,
     payer_name, payer_email, merchant_attach, notify_url, return_url, status, refund_reserved, refunded, rrn,
     error_code, error_info, checkout_token, scenario, created_at, paid_at, expires_at, due_at, updated_at
   ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
   ON CONFLICT (app_id, merchant_trade_no) DO NOTHING`,
);
const get = statement("payments_get", "SELECT * FROM payments WHERE payment_no = $1");
const getOwned = statement("payments_get_owned", "SELECT * FROM payments WHERE payment_no = $1 AND app_id = $2");
const byTradeNo = statement("payments_by_trade_no", "SELECT * FROM payments WHERE app_id = $1 AND merchant_trade_no = $2");
const finish = statement(
  "payments_finish",
  `UPDATE payments SET status = $2, paid_at = $3, rrn = $4, error_code = $5, error_info = $6, due_at = NULL, updated_at = $7
   WHERE payment_no = $1 AND status = 'PENDING'`,
);
const reserve = statement(
  "payments_reserve_refund",
  `UPDATE payments SET refund_reserved = refund_reserved + $2, updated_at = $3
   WHERE payment_no = $1 AND status = 'PAID' AND refund_reserved + $2 <= amount`,
);
const release = statement(
  "payments_release_refund",
  `UPDATE payments SET refund_reserved = refund_reserved - $2, updated_at = $3 WHERE payment_no = $1 AND refund_reserved >= $2`,
);
const complete = statement(
  "payments_complete_refund",
  `UPDATE payments SET refunded = refunded + $2, updated_at = $3 WHERE payment_no = $1 AND refunded + $2 <= refund_reserved`,
);
const due = statement("payments_due", "SELECT * FROM payments WHERE status = 'PENDING' AND due_at <= $1 ORDER BY due_at LIMIT $2");
const dueOwned = statement(
  "payments_due_owned",
  "SELECT * FROM payments WHERE status = 'PENDING' AND due_at <= $1 AND app_id = $3 ORDER BY due_at LIMIT $2",
);

/** The payments table on PostgreSQL. */
export function postgresPayments(db: Connection): PaymentRepository {
  return {
    async insert(p) {
      const values = [
        p.paymentNo, p.appId, p.merchantTradeNo, p.requestHash, p.amount, p.currency, p.description, p.payMethodType,
        p.payerName, p.payerEmail, p.merchantAttach, p.notifyUrl, p.returnUrl, p.status, p.refundReserved, p.refunded, p.rrn,
        p.errorCode, p.errorInfo, p.checkoutToken, p.scenario, p.createdAt, p.paidAt, p.expiresAt, p.dueAt, p.updatedAt,
      ];
      return (await changes(db, insert, values)) === 1;
    },
    async get(paymentNo, appId) {
      const found = await (appId === undefined ? row<Row>(db, get, [paymentNo]) : row<Row>(db, getOwned, [paymentNo, appId]));
      return found ? toPayment(found) : null;
    },
    async byMerchantTradeNo(appId, merchantTradeNo) {
      const found = await row<Row>(db, byTradeNo, [appId, merchantTradeNo]);
      return found ? toPayment(found) : null;
    },
    async finish(paymentNo, c) {
      return (await changes(db, finish, [paymentNo, c.status, c.paidAt, c.rrn, c.errorCode, c.errorInfo, c.now])) === 1;
    },
    async reserveRefund(paymentNo, amount, now) {
      return (await changes(db, reserve, [paymentNo, amount, now])) === 1;
    },
    async releaseRefund(paymentNo, amount, now) {
      expectOne(await changes(db, release, [paymentNo, amount, now]), "release a refund reservation of", paymentNo);
    },
    async completeRefund(paymentNo, amount, now) {
      expectOne(await changes(db, complete, [paymentNo, amount, now]), "complete a refund of", paymentNo);
    },
    async due(now, limit, appId) {
      const found = await (appId === undefined ? rows<Row>(db, due, [now, limit]) : rows<Row>(db, dueOwned, [now, limit, appId]));
      return found.map(toPayment);
    },
  };
}

// A counter that would go wrong means the domain broke an invariant: fail the transaction loudly.
function expectOne(count: number, what: string, paymentNo: string): void {
  if (count !== 1) throw new Error(`Could not ${what} payment ${paymentNo}: its refund counters do not allow it.`);
}
