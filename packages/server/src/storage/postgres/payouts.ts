import type { PayoutRepository } from "../payouts.js";
import { toPayout } from "../records.js";
import type { Row } from "../rows.js";
import { changes, type Connection, row, rows, statement } from "./sql.js";

const insert = statement(
  "payouts_insert",
  `INSERT INTO payouts (
     payout_no, app_id, merchant_trade_no, request_hash, amount, fee, currency, description, payout_method_type,
     merchant_attach, notify_url, status, rrn, error_code, error_info, scenario, created_at, paid_at, due_at, updated_at
   ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
   ON CONFLICT (app_id, merchant_trade_no) DO NOTHING`,
);
const get = statement("payouts_get", "SELECT * FROM payouts WHERE payout_no = $1");
const getOwned = statement("payouts_get_owned", "SELECT * FROM payouts WHERE payout_no = $1 AND app_id = $2");
const byTradeNo = statement("payouts_by_trade_no", "SELECT * FROM payouts WHERE app_id = $1 AND merchant_trade_no = $2");
const finish = statement(
  "payouts_finish",
  `UPDATE payouts SET status = $2, fee = $3, paid_at = $4, rrn = $5, error_code = $6, error_info = $7, due_at = NULL, updated_at = $8
   WHERE payout_no = $1 AND status = 'PENDING'`,
);
const due = statement("payouts_due", "SELECT * FROM payouts WHERE status = 'PENDING' AND due_at <= $1 ORDER BY due_at LIMIT $2");
const dueOwned = statement(
  "payouts_due_owned",
  "SELECT * FROM payouts WHERE status = 'PENDING' AND due_at <= $1 AND app_id = $3 ORDER BY due_at LIMIT $2",
);

/** The payouts table on PostgreSQL. */
export function postgresPayouts(db: Connection): PayoutRepository {
  return {
    async insert(p) {
      const values = [
        p.payoutNo, p.appId, p.merchantTradeNo, p.requestHash, p.amount, p.fee, p.currency, p.description, p.payoutMethodType,
        p.merchantAttach, p.notifyUrl, p.status, p.rrn, p.errorCode, p.errorInfo, p.scenario, p.createdAt, p.paidAt, p.dueAt, p.updatedAt,
      ];
      return (await changes(db, insert, values)) === 1;
    },
    async get(payoutNo, appId) {
      const found = await (appId === undefined ? row<Row>(db, get, [payoutNo]) : row<Row>(db, getOwned, [payoutNo, appId]));
      return found ? toPayout(found) : null;
    },
    async byMerchantTradeNo(appId, merchantTradeNo) {
      const found = await row<Row>(db, byTradeNo, [appId, merchantTradeNo]);
      return found ? toPayout(found) : null;
    },
    async finish(payoutNo, c) {
      return (await changes(db, finish, [payoutNo, c.status, c.fee, c.paidAt, c.rrn, c.errorCode, c.errorInfo, c.now])) === 1;
    },
    async due(now, limit, appId) {
      const found = await (appId === undefined ? rows<Row>(db, due, [now, limit]) : rows<Row>(db, dueOwned, [now, limit, appId]));
      return found.map(toPayout);
    },
  };
}
