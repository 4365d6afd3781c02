// Pay-ins: create (idempotent), query, and the transitions PENDING → PAID | FAILED | CLOSED.
// Terminal statuses never change; every transition credits (PAID) and notifies in the same
// transaction.

import { type PaymentCreateRequest, type PaymentQueryRequest, ResponseCodes } from "@gatekit/types";
import type { MerchantRecord } from "../storage/merchants.js";
import type { PaymentRecord } from "../storage/payments.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { GatewayError } from "./errors.js";
import { newId, newRrn, newToken } from "./ids.js";
import { requestHash } from "./idempotency.js";
import { positiveAmount } from "./money.js";
import { completeDueRefunds } from "./refunds.js";
import { notifyPayment } from "./notifications.js";
import { automaticPaymentOutcome, paymentScenario } from "./scenarios.js";
import { checkMerchantUrl } from "./urls.js";

/** The final statuses a payment can be moved to. */
export type PaymentOutcome = "PAID" | "FAILED" | "CLOSED";

/** Who moves a payment: the payer on the checkout page, the control API, or the gateway itself (expiry, scenarios). */
export type PaymentActor = "payer" | "control" | "system";

/**
 * Creates a payment, or returns the one created before with the same merchantTradeNo and the
 * same content. Throws a {@link GatewayError}: `Payment.Common.Duplicate_Trade_No` for the same
 * merchantTradeNo with other content, `Common.Illegal_Url` for a notifyUrl or returnUrl the
 * merchant may not use, `Common.Request_Parameter_Error` for a zero amount,
 * `Payment.Common.Rejected` for the magic amount 4.05.
 */
export async function createPayment(tx: Tx, ctx: DomainContext, merchant: MerchantRecord, request: PaymentCreateRequest): Promise<PaymentRecord> {
  const amount = positiveAmount("amount", request.amount);
  checkMerchantUrl("notifyUrl", request.notifyUrl, merchant.allowedHosts);
  checkMerchantUrl("returnUrl", request.returnUrl, merchant.allowedHosts);
  const hash = requestHash(request);

  const existing = await tx.payments.byMerchantTradeNo(merchant.appId, request.merchantTradeNo);
  if (existing) return repeat(tx, ctx, existing, hash);

  const scenario = paymentScenario(amount);
  if (scenario === "payment.rejected_at_create") {
    throw new GatewayError(ResponseCodes.PaymentRejected, "the payment was rejected by the channel (sandbox scenario: amount 4.05)");
  }
  const { now, settings } = ctx;
  const expiresAt = now + settings.paymentExpiryMs;
  const scenarioAt = automaticPaymentOutcome(scenario) === null ? Infinity : now + settings.scenarioDelayMs;
  const payment: PaymentRecord = {
    paymentNo: newId("PAY", now),
    appId: merchant.appId,
    merchantTradeNo: request.merchantTradeNo,
    requestHash: hash,
    amount,
    currency: request.currency,
    description: request.description,
    payMethodType: request.payMethod.type,
    payerName: request.payer.name,
    payerEmail: request.payer.email,
    merchantAttach: request.merchantAttach ?? null,
    notifyUrl: request.notifyUrl,
    returnUrl: request.returnUrl,
    status: "PENDING",
    refundReserved: 0n,
    refunded: 0n,
    rrn: null,
    errorCode: null,
    errorInfo: null,
    checkoutToken: newToken(),
    scenario,
    createdAt: now,
    paidAt: null,
    expiresAt,
    dueAt: Math.min(expiresAt, scenarioAt),
    updatedAt: now,
  };
  if (await tx.payments.insert(payment)) return payment;
  // Another transaction (another instance of the gateway) inserted the same merchantTradeNo
  // between our read and our insert: the insert wrote nothing, so answer as a repeat.
  const winner = await tx.payments.byMerchantTradeNo(merchant.appId, request.merchantTradeNo);
  if (!winner) throw new Error(`payment ${request.merchantTradeNo} conflicted on insert but cannot be read back`);
  return repeat(tx, ctx, winner, hash);
}

async function repeat(tx: Tx, ctx: DomainContext, existing: PaymentRecord, hash: string): Promise<PaymentRecord> {
  if (existing.requestHash !== hash) {
    throw new GatewayError(
      ResponseCodes.PaymentDuplicateTradeNo,
      `merchantTradeNo ${existing.merchantTradeNo} was already used with different content; use a new merchantTradeNo, or resend the original content`,
    );
  }
  return catchUpPayment(tx, ctx, existing);
}

/** The payment of payment/query, brought up to date. Throws `Payment.Common.Not_Found`. */
export async function queryPayment(tx: Tx, ctx: DomainContext, merchant: MerchantRecord, request: PaymentQueryRequest): Promise<PaymentRecord> {
  const payment =
    "paymentNo" in request && request.paymentNo !== undefined
      ? await tx.payments.get(request.paymentNo, merchant.appId)
      : await tx.payments.byMerchantTradeNo(merchant.appId, (request as { merchantTradeNo: string }).merchantTradeNo);
  if (!payment) {
    const [field, value] =
      "paymentNo" in request && request.paymentNo !== undefined
        ? ["paymentNo", request.paymentNo]
        : ["merchantTradeNo", (request as { merchantTradeNo: string }).merchantTradeNo];
    throw new GatewayError(ResponseCodes.PaymentNotFound, `no payment with ${field} ${value}`);
  }
  return catchUpPayment(tx, ctx, payment);
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
    return { status: "FAILED", errorCode: ResponseCodes.PaymentRejected, errorInfo: "Declined by the payer's bank (sandbox scenario: amount 4.04)" };
  }
  if (status === "FAILED") {
    const defaultInfo =
      actor === "control" ? "Rejected through the gateway's control API" : actor === "system" ? "Rejected by the channel (sandbox scenario: amount 5.02)" : "Declined by the payer's bank";
    return { status, errorCode: error.errorCode ?? ResponseCodes.PaymentRejected, errorInfo: error.errorInfo ?? defaultInfo };
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
