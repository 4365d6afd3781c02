// A payment's transitions PENDING → PAID | FAILED | CLOSED. Terminal statuses never change; every
// transition credits (PAID) and notifies in the same transaction.

import { ResponseCodes } from "@gatekit/types";
import type { PaymentRecord } from "../storage/payments.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { newRrn } from "./ids.js";
import { notifyPayment } from "./notifications.js";

/** The final statuses a payment can be moved to. */
export type PaymentOutcome = "PAID" | "FAILED" | "CLOSED";

/** Who moves a payment: the payer on the checkout page, the control API, or the gateway itself (expiry, scenarios). */
export type PaymentActor = "payer" | "control" | "system";

/** What a transition sets. */
export interface FinishInput {
  readonly status: PaymentOutcome;
  readonly errorCode: string | null;
  readonly errorInfo: string | null;
}

/**
 * The transition an actor asks for, after the scenarios: a payer paying a 4.04 payment is
 * declined. The control API gets exactly what it asks for.
 */
export function outcomeFor(
  payment: PaymentRecord,
  status: PaymentOutcome,
  actor: PaymentActor,
  error: { errorCode?: string | undefined; errorInfo?: string | undefined } = {},
): FinishInput {
  if (status === "PAID" && actor === "payer" && payment.scenario === "payment.declined_on_pay") {
    return {
      status: "FAILED",
      errorCode: ResponseCodes.PaymentRejected,
      errorInfo: "Declined by the payer's bank (sandbox scenario: amount 4.04)",
    };
  }
  if (status === "FAILED") {
    const defaultInfo =
      actor === "control"
        ? "Rejected through the gateway's control API"
        : actor === "system"
          ? "Rejected by the channel (sandbox scenario: amount 5.02)"
          : "Declined by the payer's bank";
    return {
      status,
      errorCode: error.errorCode ?? ResponseCodes.PaymentRejected,
      errorInfo: error.errorInfo ?? defaultInfo,
    };
  }
  return { status, errorCode: null, errorInfo: null };
}

/**
 * Moves a PENDING payment to `outcome.status`: credits the merchant's balance when PAID and
 * enqueues the notification. `changed` is false (and nothing written) when the payment was no
 * longer PENDING, such as when a concurrent request finished it first.
 */
export async function finishPayment(
  tx: Tx,
  ctx: DomainContext,
  payment: PaymentRecord,
  outcome: FinishInput,
): Promise<{ payment: PaymentRecord; changed: boolean }> {
  const { now } = ctx;
  const paid = outcome.status === "PAID";
  const change = {
    status: outcome.status,
    paidAt: paid ? now : null,
    rrn: paid ? newRrn() : null,
    errorCode: outcome.errorCode,
    errorInfo: outcome.errorInfo,
    now,
  };
  if (!(await tx.payments.finish(payment.paymentNo, change))) {
    return { payment: (await tx.payments.get(payment.paymentNo)) ?? payment, changed: false };
  }
  // Pay-ins are free: the whole amount becomes available.
  if (paid) await tx.balances.credit(payment.appId, payment.currency, payment.amount, now);
  const updated: PaymentRecord = {
    ...payment,
    status: change.status,
    paidAt: change.paidAt,
    rrn: change.rrn,
    errorCode: change.errorCode,
    errorInfo: change.errorInfo,
    dueAt: null,
    updatedAt: now,
  };
  await notifyPayment(tx, ctx, updated);
  return { payment: updated, changed: true };
}
