import type { Database } from "better-sqlite3";
import type { PayoutStatus } from "@gatekit/types";
import type { PayoutRecord, PayoutRepository } from "../payouts.js";
import { big, num, numOrNull, type Row, textOrNull } from "./rows.js";

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

function toPayout(row: Row): PayoutRecord {
  return {
    payoutNo: row["payout_no"] as string,
    appId: row["app_id"] as string,
    merchantTradeNo: row["merchant_trade_no"] as string,
    requestHash: row["request_hash"] as string,
    amount: big(row["amount"]),
    fee: big(row["fee"]),
    currency: row["currency"] as string,
    description: row["description"] as string,
    payoutMethodType: row["payout_method_type"] as string,
    merchantAttach: textOrNull(row["merchant_attach"]),
    notifyUrl: row["notify_url"] as string,
    status: row["status"] as PayoutStatus,
    rrn: textOrNull(row["rrn"]),
    errorCode: textOrNull(row["error_code"]),
    errorInfo: textOrNull(row["error_info"]),
    scenario: textOrNull(row["scenario"]),
    createdAt: num(row["created_at"]),
    paidAt: numOrNull(row["paid_at"]),
    dueAt: numOrNull(row["due_at"]),
    updatedAt: num(row["updated_at"]),
  };
}
