// Refunds as storage sees them.

import type { RefundStatus } from "@gatekit/types";
import { columns } from "./columns.js";
import { big, num, numOrNull, text, textOrNull } from "./rows.js";
import { type Driver, first, parameters, type Statement, statement } from "./sql.js";

/** One refund. Amounts are integer minor units, times epoch ms. */
export interface RefundRecord {
  readonly refundNo: string;
  readonly appId: string;
  readonly merchantRefundNo: string;
  /** SHA-256 of the create request's canonical JSON. */
  readonly requestHash: string;
  readonly paymentNo: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly description: string;
  readonly status: RefundStatus;
  /** Why a FAILED refund failed, for the control API (the contract's refund has no error fields). */
  readonly failureReason: string | null;
  readonly scenario: string | null;
  readonly createdAt: number;
  readonly completedAt: number | null;
  /** When the refund completes by itself while PENDING; null waits for the control API. */
  readonly dueAt: number | null;
  readonly updatedAt: number;
}

/** The refunds table. Every method runs inside the caller's transaction. */
export interface RefundRepository {
  /** Inserts the refund; false (and nothing written) when the merchant already has its merchantRefundNo. */
  insert(refund: RefundRecord): Promise<boolean>;
  /** By refundNo; with `appId`, only that merchant's. */
  get(refundNo: string, appId?: string): Promise<RefundRecord | null>;
  byMerchantRefundNo(appId: string, merchantRefundNo: string): Promise<RefundRecord | null>;
  /** The refunds of a payment, oldest first. */
  forPayment(paymentNo: string): Promise<RefundRecord[]>;
  /** Moves a PENDING refund to a final status; false when it was no longer PENDING. */
  finish(
    refundNo: string,
    change: { status: "REFUNDED" | "FAILED"; failureReason: string | null; now: number },
  ): Promise<boolean>;
  /** PENDING refunds due at `now`, oldest due first; narrowed to a merchant or a payment when asked. */
  due(now: number, limit: number, filter?: { appId?: string; paymentNo?: string }): Promise<RefundRecord[]>;
}

const REFUND = columns<RefundRecord>({
  refundNo: text,
  appId: text,
  merchantRefundNo: text,
  requestHash: text,
  paymentNo: text,
  amount: big,
  currency: text,
  description: text,
  status: text<RefundStatus>,
  failureReason: textOrNull,
  scenario: textOrNull,
  createdAt: num,
  completedAt: numOrNull,
  dueAt: numOrNull,
  updatedAt: num,
});

const insert = statement(
  "refunds_insert",
  `INSERT INTO refunds (${REFUND.list}) VALUES (${parameters(REFUND.count)})
   ON CONFLICT (app_id, merchant_refund_no) DO NOTHING`,
);
const get = statement("refunds_get", `SELECT ${REFUND.list} FROM refunds WHERE refund_no = $1`);
const getOwned = statement(
  "refunds_get_owned",
  `SELECT ${REFUND.list} FROM refunds WHERE refund_no = $1 AND app_id = $2`,
);
const byRefundNo = statement(
  "refunds_by_refund_no",
  `SELECT ${REFUND.list} FROM refunds WHERE app_id = $1 AND merchant_refund_no = $2`,
);
const forPayment = statement(
  "refunds_for_payment",
  `SELECT ${REFUND.list} FROM refunds WHERE payment_no = $1 ORDER BY created_at, refund_no`,
);
const finish = statement(
  "refunds_finish",
  `UPDATE refunds SET status = $2, failure_reason = $3, completed_at = $4, due_at = NULL, updated_at = $4
   WHERE refund_no = $1 AND status = 'PENDING'`,
);
const due = statement(
  "refunds_due",
  `SELECT ${REFUND.list} FROM refunds WHERE status = 'PENDING' AND due_at <= $1
     AND (CAST($3 AS TEXT) IS NULL OR app_id = $3) AND (CAST($4 AS TEXT) IS NULL OR payment_no = $4)
   ORDER BY due_at LIMIT $2`,
);

/** The refunds table on the connection `db`. */
export function refundRepository(db: Driver): RefundRepository {
  const one = async (query: Statement, values: unknown[]) => {
    const found = await first(db, query, values);
    return found ? REFUND.read(found) : null;
  };
  return {
    async insert(refund) {
      return (await db.run(insert, REFUND.values(refund))) === 1;
    },
    get: (refundNo, appId) => (appId === undefined ? one(get, [refundNo]) : one(getOwned, [refundNo, appId])),
    byMerchantRefundNo: (appId, merchantRefundNo) => one(byRefundNo, [appId, merchantRefundNo]),
    async forPayment(paymentNo) {
      return (await db.rows(forPayment, [paymentNo])).map(REFUND.read);
    },
    async finish(refundNo, change) {
      return (await db.run(finish, [refundNo, change.status, change.failureReason, change.now])) === 1;
    },
    async due(now, limit, filter = {}) {
      const found = await db.rows(due, [now, limit, filter.appId ?? null, filter.paymentNo ?? null]);
      return found.map(REFUND.read);
    },
  };
}
