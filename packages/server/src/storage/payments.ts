// Payments as storage sees them. The domain decides every transition; the repository only makes
// each one atomic (a conditional update that reports whether it happened), so that two requests,
// two timers or two gateway instances racing on one payment cannot both win.

import type { PaymentStatus } from "@gatekit/types";

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
