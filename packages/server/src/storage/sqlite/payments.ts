import type { Database } from "better-sqlite3";
import type { PaymentStatus } from "@gatekit/types";
import type { PaymentRecord, PaymentRepository } from "../payments.js";
import { big, num, numOrNull, textOrNull } from "../rows.js";

// Payments are read as arrays (`.raw()`) of these columns, in this order, rather than as objects:
// better-sqlite3 builds an object of 26 named properties per row, which took about 40% of the
// read of a payment (payment/query reads one on every request). toPayment reads by position.
const COLUMNS = [
  "payment_no", "app_id", "merchant_trade_no", "request_hash", "amount", "currency", "description", "pay_method_type",
  "payer_name", "payer_email", "merchant_attach", "notify_url", "return_url", "status", "refund_reserved", "refunded", "rrn",
  "error_code", "error_info", "checkout_token", "scenario", "created_at", "paid_at", "expires_at", "due_at", "updated_at",
].join(", ");

/** A payments row as `.raw()` returns it: the values of COLUMNS by position. */
type RawRow = readonly unknown[];

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
  const get = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE payment_no = ?`).raw(true);
  const getOwned = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE payment_no = ? AND app_id = ?`).raw(true);
  const byTradeNo = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE app_id = ? AND merchant_trade_no = ?`).raw(true);
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
  const due = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE status = 'PENDING' AND due_at <= ? ORDER BY due_at LIMIT ?`).raw(true);
  const dueOwned = db.prepare(`SELECT ${COLUMNS} FROM payments WHERE status = 'PENDING' AND due_at <= ? AND app_id = ? ORDER BY due_at LIMIT ?`).raw(true);

  return {
    async insert(payment) {
      return insert.run(payment).changes === 1;
    },
    async get(paymentNo, appId) {
      const row = (appId === undefined ? get.get(paymentNo) : getOwned.get(paymentNo, appId)) as RawRow | undefined;
      return row ? toPayment(row) : null;
    },
    async byMerchantTradeNo(appId, merchantTradeNo) {
      const row = byTradeNo.get(appId, merchantTradeNo) as RawRow | undefined;
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
      const rows = (appId === undefined ? due.all(now, limit) : dueOwned.all(now, appId, limit)) as RawRow[];
      return rows.map(toPayment);
    },
  };
}

// A counter that would go wrong means the domain broke an invariant: fail the transaction loudly.
function expectOne(changes: number, what: string, paymentNo: string): void {
  if (changes !== 1) throw new Error(`Could not ${what} payment ${paymentNo}: its refund counters do not allow it.`);
}

function toPayment(row: RawRow): PaymentRecord {
  return {
    paymentNo: row[0] as string,
    appId: row[1] as string,
    merchantTradeNo: row[2] as string,
    requestHash: row[3] as string,
    amount: big(row[4]),
    currency: row[5] as string,
    description: row[6] as string,
    payMethodType: row[7] as string,
    payerName: row[8] as string,
    payerEmail: row[9] as string,
    merchantAttach: textOrNull(row[10]),
    notifyUrl: row[11] as string,
    returnUrl: row[12] as string,
    status: row[13] as PaymentStatus,
    refundReserved: big(row[14]),
    refunded: big(row[15]),
    rrn: textOrNull(row[16]),
    errorCode: textOrNull(row[17]),
    errorInfo: textOrNull(row[18]),
    checkoutToken: row[19] as string,
    scenario: textOrNull(row[20]),
    createdAt: num(row[21]),
    paidAt: numOrNull(row[22]),
    expiresAt: num(row[23]),
    dueAt: numOrNull(row[24]),
    updatedAt: num(row[25]),
  };
}
