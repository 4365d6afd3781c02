// Payments as storage sees them. The domain decides every transition; the repository only makes
// each one atomic (a conditional update that reports whether it happened), so that two requests,
// two timers or two gateway instances racing on one payment cannot both win.

import type { PaymentStatus } from "@gatekit/types";
import { columns } from "./columns.js";
import { big, num, numOrNull, text, textOrNull } from "./rows.js";
import { type Driver, first, parameters, type Statement, statement } from "./sql.js";

/** One payment. Amounts are integer minor units, times epoch ms. */
export interface PaymentRecord {
  readonly paymentNo: string;
  readonly appId: string;
  readonly merchantTradeNo: string;
  /** SHA-256 of the create request's canonical JSON: what an idempotent repeat must match. */
  readonly requestHash: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly description: string;
  readonly payMethodType: string;
  /** The payer's name and email, shown on the checkout page. */
  readonly payerName: string;
  readonly payerEmail: string;
  readonly merchantAttach: string | null;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  readonly status: PaymentStatus;
  /** Refunds that are pending or done: what refund/create can no longer take. */
  readonly refundReserved: bigint;
  /** Refunds that are done (`REFUNDED`): what `refundStatus` reports. */
  readonly refunded: bigint;
  readonly rrn: string | null;
  readonly errorCode: string | null;
  readonly errorInfo: string | null;
  /** The secret part of the checkout URL. */
  readonly checkoutToken: string;
  /** The magic-amount scenario, if any (see domain/scenarios.ts). */
  readonly scenario: string | null;
  readonly createdAt: number;
  readonly paidAt: number | null;
  readonly expiresAt: number;
  /** When the next automatic transition is due while PENDING (expiry or scenario); null when none. */
  readonly dueAt: number | null;
  readonly updatedAt: number;
}

/** What a finished payment changes. */
export interface PaymentFinish {
  readonly status: Exclude<PaymentStatus, "PENDING">;
  readonly paidAt: number | null;
  readonly rrn: string | null;
  readonly errorCode: string | null;
  readonly errorInfo: string | null;
  readonly now: number;
}

/** The payments table. Every method runs inside the caller's transaction. */
export interface PaymentRepository {
  /** Inserts the payment; false (and nothing written) when the merchant already has its merchantTradeNo. */
  insert(payment: PaymentRecord): Promise<boolean>;
  /** By paymentNo; with `appId`, only that merchant's. */
  get(paymentNo: string, appId?: string): Promise<PaymentRecord | null>;
  byMerchantTradeNo(appId: string, merchantTradeNo: string): Promise<PaymentRecord | null>;
  /** Moves a PENDING payment to a final status; false when it was no longer PENDING. */
  finish(paymentNo: string, change: PaymentFinish): Promise<boolean>;
  /**
   * Reserves `amount` of a PAID payment for a refund; false when that would take the reserved
   * total above the payment's amount.
   */
  reserveRefund(paymentNo: string, amount: bigint, now: number): Promise<boolean>;
  /** Gives back a reservation (the refund failed). */
  releaseRefund(paymentNo: string, amount: bigint, now: number): Promise<void>;
  /** Counts a reserved amount as refunded (the refund succeeded). */
  completeRefund(paymentNo: string, amount: bigint, now: number): Promise<void>;
  /** PENDING payments whose automatic transition is due at `now`, oldest due first. */
  due(now: number, limit: number, appId?: string): Promise<PaymentRecord[]>;
}

const PAYMENT = columns<PaymentRecord>({
  paymentNo: text,
  appId: text,
  merchantTradeNo: text,
  requestHash: text,
  amount: big,
  currency: text,
  description: text,
  payMethodType: text,
  payerName: text,
  payerEmail: text,
  merchantAttach: textOrNull,
  notifyUrl: text,
  returnUrl: text,
  status: text<PaymentStatus>,
  refundReserved: big,
  refunded: big,
  rrn: textOrNull,
  errorCode: textOrNull,
  errorInfo: textOrNull,
  checkoutToken: text,
  scenario: textOrNull,
  createdAt: num,
  paidAt: numOrNull,
  expiresAt: num,
  dueAt: numOrNull,
  updatedAt: num,
});

const insert = statement(
  "payments_insert",
  `INSERT INTO payments (${PAYMENT.list}) VALUES (${parameters(PAYMENT.count)})
   ON CONFLICT (app_id, merchant_trade_no) DO NOTHING`,
);
const get = statement("payments_get", `SELECT ${PAYMENT.list} FROM payments WHERE payment_no = $1`);
const getOwned = statement(
  "payments_get_owned",
  `SELECT ${PAYMENT.list} FROM payments WHERE payment_no = $1 AND app_id = $2`,
);
const byTradeNo = statement(
  "payments_by_trade_no",
  `SELECT ${PAYMENT.list} FROM payments WHERE app_id = $1 AND merchant_trade_no = $2`,
);
const finish = statement(
  "payments_finish",
  `UPDATE payments SET status = $2, paid_at = $3, rrn = $4, error_code = $5, error_info = $6, due_at = NULL,
     updated_at = $7
   WHERE payment_no = $1 AND status = 'PENDING'`,
);
const reserve = statement(
  "payments_reserve_refund",
  `UPDATE payments SET refund_reserved = refund_reserved + $2, updated_at = $3
   WHERE payment_no = $1 AND status = 'PAID' AND refund_reserved + $2 <= amount`,
);
const release = statement(
  "payments_release_refund",
  `UPDATE payments SET refund_reserved = refund_reserved - $2, updated_at = $3
   WHERE payment_no = $1 AND refund_reserved >= $2`,
);
const complete = statement(
  "payments_complete_refund",
  `UPDATE payments SET refunded = refunded + $2, updated_at = $3
   WHERE payment_no = $1 AND refunded + $2 <= refund_reserved`,
);
const due = statement(
  "payments_due",
  `SELECT ${PAYMENT.list} FROM payments WHERE status = 'PENDING' AND due_at <= $1 ORDER BY due_at LIMIT $2`,
);
const dueOwned = statement(
  "payments_due_owned",
  `SELECT ${PAYMENT.list} FROM payments WHERE status = 'PENDING' AND due_at <= $1 AND app_id = $3
   ORDER BY due_at LIMIT $2`,
);

/** The payments table on the connection `db`. */
export function paymentRepository(db: Driver): PaymentRepository {
  const one = async (query: Statement, values: unknown[]) => {
    const found = await first(db, query, values);
    return found ? PAYMENT.read(found) : null;
  };
  return {
    async insert(payment) {
      return (await db.run(insert, PAYMENT.values(payment))) === 1;
    },
    get: (paymentNo, appId) => (appId === undefined ? one(get, [paymentNo]) : one(getOwned, [paymentNo, appId])),
    byMerchantTradeNo: (appId, merchantTradeNo) => one(byTradeNo, [appId, merchantTradeNo]),
    async finish(paymentNo, c) {
      return (await db.run(finish, [paymentNo, c.status, c.paidAt, c.rrn, c.errorCode, c.errorInfo, c.now])) === 1;
    },
    async reserveRefund(paymentNo, amount, now) {
      return (await db.run(reserve, [paymentNo, amount, now])) === 1;
    },
    async releaseRefund(paymentNo, amount, now) {
      expectOne(await db.run(release, [paymentNo, amount, now]), "release a refund reservation of", paymentNo);
    },
    async completeRefund(paymentNo, amount, now) {
      expectOne(await db.run(complete, [paymentNo, amount, now]), "complete a refund of", paymentNo);
    },
    async due(now, limit, appId) {
      const found = await (appId === undefined ? db.rows(due, [now, limit]) : db.rows(dueOwned, [now, limit, appId]));
      return found.map(PAYMENT.read);
    },
  };
}

// A counter that would go wrong means the domain broke an invariant: fail the transaction loudly.
function expectOne(count: number, what: string, paymentNo: string): void {
  if (count !== 1) throw new Error(`Could not ${what} payment ${paymentNo}: its refund counters do not allow it.`);
}
