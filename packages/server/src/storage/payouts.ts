// Payouts as storage sees them.

import type { PayoutStatus } from "@gatekit/types";
import { columns } from "./columns.js";
import { big, num, numOrNull, text, textOrNull } from "./rows.js";
import { type Driver, first, parameters, type Statement, statement } from "./sql.js";

/** One payout. Amounts are integer minor units, times epoch ms. */
export interface PayoutRecord {
  readonly payoutNo: string;
  readonly appId: string;
  readonly merchantTradeNo: string;
  /** SHA-256 of the create request's canonical JSON. */
  readonly requestHash: string;
  readonly amount: bigint;
  /** The fee (`totalFee`): frozen with the amount, debited when PAID, zero once FAILED. */
  readonly fee: bigint;
  readonly currency: string;
  readonly description: string;
  readonly payoutMethodType: string;
  readonly merchantAttach: string | null;
  readonly notifyUrl: string;
  readonly status: PayoutStatus;
  readonly rrn: string | null;
  readonly errorCode: string | null;
  readonly errorInfo: string | null;
  readonly scenario: string | null;
  readonly createdAt: number;
  readonly paidAt: number | null;
  /** When the payout completes by itself while PENDING; null waits for the control API. */
  readonly dueAt: number | null;
  readonly updatedAt: number;
}

/** What a finished payout changes. */
export interface PayoutFinish {
  readonly status: "PAID" | "FAILED";
  readonly fee: bigint;
  readonly paidAt: number | null;
  readonly rrn: string | null;
  readonly errorCode: string | null;
  readonly errorInfo: string | null;
  readonly now: number;
}

/** The payouts table. Every method runs inside the caller's transaction. */
export interface PayoutRepository {
  /** Inserts the payout; false (and nothing written) when the merchant already has its merchantTradeNo. */
  insert(payout: PayoutRecord): Promise<boolean>;
  /** By payoutNo; with `appId`, only that merchant's. */
  get(payoutNo: string, appId?: string): Promise<PayoutRecord | null>;
  byMerchantTradeNo(appId: string, merchantTradeNo: string): Promise<PayoutRecord | null>;
  /** Moves a PENDING payout to a final status; false when it was no longer PENDING. */
  finish(payoutNo: string, change: PayoutFinish): Promise<boolean>;
  /** PENDING payouts due at `now`, oldest due first. */
  due(now: number, limit: number, appId?: string): Promise<PayoutRecord[]>;
}

const PAYOUT = columns<PayoutRecord>({
  payoutNo: text,
  appId: text,
  merchantTradeNo: text,
  requestHash: text,
  amount: big,
  fee: big,
  currency: text,
  description: text,
  payoutMethodType: text,
  merchantAttach: textOrNull,
  notifyUrl: text,
  status: text<PayoutStatus>,
  rrn: textOrNull,
  errorCode: textOrNull,
  errorInfo: textOrNull,
  scenario: textOrNull,
  createdAt: num,
  paidAt: numOrNull,
  dueAt: numOrNull,
  updatedAt: num,
});

const insert = statement(
  "payouts_insert",
  `INSERT INTO payouts (${PAYOUT.list}) VALUES (${parameters(PAYOUT.count)})
   ON CONFLICT (app_id, merchant_trade_no) DO NOTHING`,
);
const get = statement("payouts_get", `SELECT ${PAYOUT.list} FROM payouts WHERE payout_no = $1`);
const getOwned = statement(
  "payouts_get_owned",
  `SELECT ${PAYOUT.list} FROM payouts WHERE payout_no = $1 AND app_id = $2`,
);
const byTradeNo = statement(
  "payouts_by_trade_no",
  `SELECT ${PAYOUT.list} FROM payouts WHERE app_id = $1 AND merchant_trade_no = $2`,
);
const finish = statement(
  "payouts_finish",
  `UPDATE payouts SET status = $2, fee = $3, paid_at = $4, rrn = $5, error_code = $6, error_info = $7, due_at = NULL,
     updated_at = $8
   WHERE payout_no = $1 AND status = 'PENDING'`,
);
const due = statement(
  "payouts_due",
  `SELECT ${PAYOUT.list} FROM payouts WHERE status = 'PENDING' AND due_at <= $1 ORDER BY due_at LIMIT $2`,
);
const dueOwned = statement(
  "payouts_due_owned",
  `SELECT ${PAYOUT.list} FROM payouts WHERE status = 'PENDING' AND due_at <= $1 AND app_id = $3
   ORDER BY due_at LIMIT $2`,
);

/** The payouts table on the connection `db`. */
export function payoutRepository(db: Driver): PayoutRepository {
  const one = async (query: Statement, values: unknown[]) => {
    const found = await first(db, query, values);
    return found ? PAYOUT.read(found) : null;
  };
  return {
    async insert(payout) {
      return (await db.run(insert, PAYOUT.values(payout))) === 1;
    },
    get: (payoutNo, appId) => (appId === undefined ? one(get, [payoutNo]) : one(getOwned, [payoutNo, appId])),
    byMerchantTradeNo: (appId, merchantTradeNo) => one(byTradeNo, [appId, merchantTradeNo]),
    async finish(payoutNo, c) {
      const values = [payoutNo, c.status, c.fee, c.paidAt, c.rrn, c.errorCode, c.errorInfo, c.now];
      return (await db.run(finish, values)) === 1;
    },
    async due(now, limit, appId) {
      const found = await (appId === undefined ? db.rows(due, [now, limit]) : db.rows(dueOwned, [now, limit, appId]));
      return found.map(PAYOUT.read);
    },
  };
}
