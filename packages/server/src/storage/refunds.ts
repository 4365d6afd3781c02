// Refunds as storage sees them.

import type { RefundStatus } from "@gatekit/types";

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
  finish(refundNo: string, change: { status: "REFUNDED" | "FAILED"; failureReason: string | null; now: number }): Promise<boolean>;
  /** PENDING refunds due at `now`, oldest due first; narrowed to a merchant or a payment when asked. */
  due(now: number, limit: number, filter?: { appId?: string; paymentNo?: string }): Promise<RefundRecord[]>;
}
