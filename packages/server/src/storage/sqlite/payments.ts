import type { Database } from "better-sqlite3";
import type { PaymentStatus } from "@gatekit/types";
import type { PaymentRecord, PaymentRepository } from "../payments.js";
import { big, num, numOrNull, type Row, textOrNull } from "./rows.js";

/** The payments table on SQLite. */
export function sqlitePayments(db: Database): PaymentRepository {
  const insert = db.prepare(`
    INSERT INTO payments (
      payment_no, app_id, merchant_trade_no, request_hash, amount, currency, description, pay_method_type,
      payer_name, payer_email, merchant_attach, notify_url, return_url, status, refund_reserved, refunded, rrn,
      error_code, error_info, checkout_token, scenario, created_at, paid_at, expires_at, due_at, updated_at
    ) VALUES (
      @paymentNo, @appId, @merchantTradeNo, @requestHash, @amount, @currency, @description, @payMethodType,
      @payerName, @payerEmail, @merchantAttach, @notifyUrl, @returnUrl, @status, @refundReserved, @refunded, @rrn,
      @errorCode, @errorInfo, @checkoutToken, @scenario, @createdAt, @paidAt, @expiresAt, @dueAt, @updatedAt
    ) ON CONFLICT (app_id, merchant_trade_no) DO NOTHING`);
  const get = db.prepare("SELECT * FROM payments WHERE payment_no = ?");
  const getOwned = db.prepare("SELECT * FROM payments WHERE payment_no = ? AND app_id = ?");
  const byTradeNo = db.prepare("SELECT * FROM payments WHERE app_id = ? AND merchant_trade_no = ?");
  const finish = db.prepare(`
    UPDATE payments SET status = @status, paid_at = @paidAt, rrn = @rrn, error_code = @errorCode, error_info = @errorInfo,
      due_at = NULL, updated_at = @now
    WHERE payment_no = @paymentNo AND status = 'PENDING'`);
  const reserve = db.prepare(`
    UPDATE payments SET refund_reserved = refund_reserved + @amount, updated_at = @now
    WHERE payment_no = @paymentNo AND status = 'PAID' AND refund_reserved + @amount <= amount`);
  const release = db.prepare(`
    UPDATE payments SET refund_reserved = refund_reserved - @amount, updated_at = @now
    WHERE payment_no = @paymentNo AND refund_reserved >= @amount`);
  const complete = db.prepare(`
    UPDATE payments SET refunded = refunded + @amount, updated_at = @now
    WHERE payment_no = @paymentNo AND refunded + @amount <= refund_reserved`);
  const due = db.prepare("SELECT * FROM payments WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at LIMIT ?");
  const dueOwned = db.prepare("SELECT * FROM payments WHERE status = 'PENDING' AND due_at <= ? AND app_id = ? ORDER BY due_at LIMIT ?");

  return {
    async insert(payment) {
      return insert.run(payment).changes === 1;
    },
    async get(paymentNo, appId) {
      const row = (appId === undefined ? get.get(paymentNo) : getOwned.get(paymentNo, appId)) as Row | undefined;
      return row ? toPayment(row) : null;
    },
    async byMerchantTradeNo(appId, merchantTradeNo) {
      const row = byTradeNo.get(appId, merchantTradeNo) as Row | undefined;
      return row ? toPayment(row) : null;
    },
    async finish(paymentNo, change) {
      return finish.run({ paymentNo, ...change }).changes === 1;
    },
    async reserveRefund(paymentNo, amount, now) {
      return reserve.run({ paymentNo, amount, now }).changes === 1;
    },
    async releaseRefund(paymentNo, amount, now) {
      expectOne(release.run({ paymentNo, amount, now }).changes, "release a refund reservation of", paymentNo);
    },
    async completeRefund(paymentNo, amount, now) {
      expectOne(complete.run({ paymentNo, amount, now }).changes, "complete a refund of", paymentNo);
    },
    async due(now, limit, appId) {
      const rows = (appId === undefined ? due.all(now, limit) : dueOwned.all(now, appId, limit)) as Row[];
      return rows.map(toPayment);
    },
  };
}

// A counter that would go wrong means the domain broke an invariant: fail the transaction loudly.
function expectOne(changes: number, what: string, paymentNo: string): void {
  if (changes !== 1) throw new Error(`Could not ${what} payment ${paymentNo}: its refund counters do not allow it.`);
}

function toPayment(row: Row): PaymentRecord {
  return {
    paymentNo: row["payment_no"] as string,
    appId: row["app_id"] as string,
    merchantTradeNo: row["merchant_trade_no"] as string,
    requestHash: row["request_hash"] as string,
    amount: big(row["amount"]),
    currency: row["currency"] as string,
    description: row["description"] as string,
    payMethodType: row["pay_method_type"] as string,
    payerName: row["payer_name"] as string,
    payerEmail: row["payer_email"] as string,
    merchantAttach: textOrNull(row["merchant_attach"]),
    notifyUrl: row["notify_url"] as string,
    returnUrl: row["return_url"] as string,
    status: row["status"] as PaymentStatus,
    refundReserved: big(row["refund_reserved"]),
    refunded: big(row["refunded"]),
    rrn: textOrNull(row["rrn"]),
    errorCode: textOrNull(row["error_code"]),
    errorInfo: textOrNull(row["error_info"]),
    checkoutToken: row["checkout_token"] as string,
    scenario: textOrNull(row["scenario"]),
    createdAt: num(row["created_at"]),
    paidAt: numOrNull(row["paid_at"]),
    expiresAt: num(row["expires_at"]),
    dueAt: numOrNull(row["due_at"]),
    updatedAt: num(row["updated_at"]),
  };
}
