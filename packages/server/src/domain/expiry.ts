// The transitions the gateway makes by itself: payments that expire or reach their scenario
// outcome, refunds and payouts that complete. Each is applied lazily when its object is read and
// by the sweep, which a timer runs (and the control API on demand), so nothing depends on the
// timer's precision. This catching-up sits above the payment, refund and payout modules, which
// never call back up into it.

import type { PaymentRecord } from "../storage/payments.js";
import type { Store, Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { type FinishInput, finishPayment, outcomeFor } from "./payment-outcomes.js";
import { completeDuePayouts } from "./payouts.js";
import { completeDueRefunds } from "./refund-outcomes.js";
import { automaticPaymentOutcome } from "./scenarios.js";

/** How many objects a sweep moved, and how many expired nonces it forgot. */
export interface SweepResult {
  payments: number;
  refunds: number;
  payouts: number;
  nonces: number;
}

const BATCH = 100;

/**
 * Applies everything due at `ctx.now`, in batches of one transaction each (so a long backlog
 * never holds the database for long), then forgets nonces expired at `ctx.realNow`.
 */
export async function sweep(store: Store, ctx: DomainContext): Promise<SweepResult> {
  const result: SweepResult = { payments: 0, refunds: 0, payouts: 0, nonces: 0 };
  for (;;) {
    const moved = await store.transaction(async (tx) => {
      const payments = await tx.payments.due(ctx.now, BATCH);
      for (const payment of payments) await catchUpPayment(tx, ctx, payment);
      const refunds = await completeDueRefunds(tx, ctx, {}, BATCH);
      const payouts = await completeDuePayouts(tx, ctx, undefined, BATCH);
      return { payments: payments.length, refunds, payouts };
    });
    result.payments += moved.payments;
    result.refunds += moved.refunds;
    result.payouts += moved.payouts;
    if (moved.payments < BATCH && moved.refunds < BATCH && moved.payouts < BATCH) break;
  }
  // On real time: purging by a moved clock would forget nonces that are still inside the window.
  result.nonces = await store.transaction((tx) => tx.nonces.purge(ctx.realNow ?? ctx.now));
  return result;
}

/** Applies what is due for one merchant (before a balance is read). */
export async function catchUpMerchant(tx: Tx, ctx: DomainContext, appId: string): Promise<void> {
  for (const payment of await tx.payments.due(ctx.now, BATCH, appId)) await catchUpPayment(tx, ctx, payment);
  await completeDueRefunds(tx, ctx, { appId }, BATCH);
  await completeDuePayouts(tx, ctx, appId, BATCH);
}

/**
 * Applies what is due for a payment at `ctx.now` and returns it as it then is: a PENDING payment
 * past its expiry closes, a self-settling magic amount reaches its outcome, and its refunds that
 * are due complete. Reads call this, so nobody sees a state that should already have moved on.
 */
export async function catchUpPayment(tx: Tx, ctx: DomainContext, payment: PaymentRecord): Promise<PaymentRecord> {
  let current = payment;
  if (current.status === "PENDING" && current.dueAt !== null && current.dueAt <= ctx.now) {
    current = (await finishPayment(tx, ctx, current, dueOutcome(current, ctx))).payment;
  }
  if (current.refundReserved > current.refunded) {
    if ((await completeDueRefunds(tx, ctx, { paymentNo: current.paymentNo })) > 0) {
      current = (await tx.payments.get(current.paymentNo)) ?? current;
    }
  }
  return current;
}

/** The outcome of a due payment: its scenario's when that is due, otherwise closed by expiry. */
function dueOutcome(payment: PaymentRecord, ctx: DomainContext): FinishInput {
  const automatic = automaticPaymentOutcome(payment.scenario);
  if (automatic !== null && payment.createdAt + ctx.settings.scenarioDelayMs <= ctx.now) {
    return outcomeFor(payment, automatic, "system");
  }
  return { status: "CLOSED", errorCode: null, errorInfo: null };
}
