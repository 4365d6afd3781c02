// Payouts as storage sees them.

import type { PayoutStatus } from "@gatekit/types";

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
