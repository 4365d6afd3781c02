import type { Database } from "better-sqlite3";
import type { PayoutRepository } from "../payouts.js";
import { toPayout } from "../records.js";
import type { Row } from "../rows.js";

/** The payouts table on SQLite. */
export function sqlitePayouts(db: Database): PayoutRepository {
  const insert = db.prepare(`
    INSERT INTO payouts (
      payout_no, app_id, merchant_trade_no, request_hash, amount, fee, currency, description, payout_method_type,
      merchant_attach, notify_url, status, rrn, error_code, error_info, scenario, created_at, paid_at, due_at, updated_at
    ) VALUES (
      @payoutNo, @appId, @merchantTradeNo, @requestHash, @amount, @fee, @currency, @description, @payoutMethodType,
      @merchantAttach, @notifyUrl, @status, @rrn, @errorCode, @errorInfo, @scenario, @createdAt, @paidAt, @dueAt, @updatedAt
    ) ON CONFLICT (app_id, merchant_trade_no) DO NOTHING`);
  const get = db.prepare("SELECT * FROM payouts WHERE payout_no = ?");
  const getOwned = db.prepare("SELECT * FROM payouts WHERE payout_no = ? AND app_id = ?");
  const byTradeNo = db.prepare("SELECT * FROM payouts WHERE app_id = ? AND merchant_trade_no = ?");
  const finish = db.prepare(`
    UPDATE payouts SET status = @status, fee = @fee, paid_at = @paidAt, rrn = @rrn, error_code = @errorCode,
      error_info = @errorInfo, due_at = NULL, updated_at = @now
    WHERE payout_no = @payoutNo AND status = 'PENDING'`);
  const due = db.prepare("SELECT * FROM payouts WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at LIMIT ?");
  const dueOwned = db.prepare("SELECT * FROM payouts WHERE status = 'PENDING' AND due_at <= ? AND app_id = ? ORDER BY due_at LIMIT ?");

  return {
    async insert(payout) {
      return insert.run(payout).changes === 1;
    },
    async get(payoutNo, appId) {
      const row = (appId === undefined ? get.get(payoutNo) : getOwned.get(payoutNo, appId)) as Row | undefined;
      return row ? toPayout(row) : null;
    },
    async byMerchantTradeNo(appId, merchantTradeNo) {
      const row = byTradeNo.get(appId, merchantTradeNo) as Row | undefined;
      return row ? toPayout(row) : null;
    },
    async finish(payoutNo, change) {
      return finish.run({ payoutNo, ...change }).changes === 1;
    },
    async due(now, limit, appId) {
      const rows = (appId === undefined ? due.all(now, limit) : dueOwned.all(now, appId, limit)) as Row[];
      return rows.map(toPayout);
    },
  };
}
