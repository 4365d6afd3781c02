// What the hosted checkout page and the control API need from a payment: loading it for the page
// (behind its token) and settling it, with the redirect back to the merchant.

import { timingSafeEqual } from "node:crypto";
import { type PaymentReturnParams, ResponseCodes } from "@gatekit/types";
import type { PaymentRecord } from "../storage/payments.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { GatewayError } from "./errors.js";
import { formatAmount } from "./money.js";
import { catchUpPayment } from "./expiry.js";
import { finishPayment, outcomeFor, type PaymentActor, type PaymentOutcome } from "./payment-outcomes.js";
import { gatewayTime } from "./views.js";

/** Where the payer's browser goes after the payment page: the returnUrl with the redirect parameters. */
export interface PaymentRedirect {
  /** The returnUrl exactly as the merchant sent it. */
  readonly returnUrl: string;
  /** The parameters appended: merchantTradeNo, paymentNo, status, and merchantAttach when set. */
  readonly params: PaymentReturnParams;
  /** The returnUrl with the parameters appended URL-encoded (UTF-8), before any fragment. */
  readonly url: string;
}

/** A payment as the checkout page shows it. Amounts are strings, times gateway times. */
export interface CheckoutPayment {
  readonly paymentNo: string;
  readonly merchantTradeNo: string;
  readonly amount: string;
  readonly currency: string;
  readonly description: string;
  /** `payMethod.type` of the create request, such as `UPI` or `PIX_QRCODE`. */
  readonly payMethodType: string;
  readonly payerName: string;
  readonly payerEmail: string;
  readonly status: PaymentRecord["status"];
  readonly merchantAttach: string | null;
  readonly createdTime: string;
  readonly expiresTime: string;
  /** Epoch ms of the expiry, for a countdown. */
  readonly expiresAt: number;
  /** The magic-amount scenario, so the page can say what paying will do; null for ordinary amounts. */
  readonly scenario: string | null;
  /** Where "back to the merchant" goes with the payment's current status. */
  readonly redirect: PaymentRedirect;
}

/** What {@link settlePayment} did. */
export interface SettlePaymentResult {
  /** The payment after the call (its own status when it had already finished). */
  readonly payment: PaymentRecord;
  /** False when the payment was not PENDING any more, so nothing changed. */
  readonly changed: boolean;
  /** Where the payer's browser goes now. */
  readonly redirect: PaymentRedirect;
}

/** The input of {@link settlePayment}. */
export interface SettlePaymentInput {
  readonly paymentNo: string;
  readonly status: PaymentOutcome;
  /** `payer` (the checkout page) applies the magic amount 4.04; `control` gets exactly what it asks. */
  readonly actor: PaymentActor;
  /** The checkout token; when given it must match, otherwise the payment counts as not found. */
  readonly token?: string | undefined;
  /** For FAILED; defaults to `Payment.Common.Rejected`. */
  readonly errorCode?: string | undefined;
  /** For FAILED; a default explanation otherwise. */
  readonly errorInfo?: string | undefined;
}

/**
 * Loads a payment for the checkout page, brought up to date (an expired one shows as CLOSED).
 * Null when there is no such payment or the token does not match: the page should answer both
 * the same way, so the token cannot be probed.
 */
export async function loadCheckoutPayment(
  tx: Tx,
  ctx: DomainContext,
  input: { readonly paymentNo: string; readonly token: string },
): Promise<CheckoutPayment | null> {
  const found = await tx.payments.get(input.paymentNo);
  if (!found || !tokenMatches(found.checkoutToken, input.token)) return null;
  const payment = await catchUpPayment(tx, ctx, found);
  return {
    paymentNo: payment.paymentNo,
    merchantTradeNo: payment.merchantTradeNo,
    amount: formatAmount(payment.amount),
    currency: payment.currency,
    description: payment.description,
    payMethodType: payment.payMethodType,
    payerName: payment.payerName,
    payerEmail: payment.payerEmail,
    status: payment.status,
    merchantAttach: payment.merchantAttach,
    createdTime: gatewayTime(payment.createdAt),
    expiresTime: gatewayTime(payment.expiresAt),
    expiresAt: payment.expiresAt,
    scenario: payment.scenario,
    redirect: returnRedirect(payment),
  };
}

/**
 * Moves a PENDING payment to PAID, FAILED or CLOSED: credits the merchant when PAID, enqueues
 * the payment notification, and says where to send the payer. The checkout page (actor `payer`:
 * "Pay" is PAID, "Cancel" is CLOSED) and the control API's outcome call both use it. A payment
 * that already finished is returned unchanged with `changed: false` (a double click is not an
 * error). Throws a {@link GatewayError} `Payment.Common.Not_Found` for an unknown paymentNo or a
 * wrong token.
 */
export async function settlePayment(
  tx: Tx,
  ctx: DomainContext,
  input: SettlePaymentInput,
): Promise<SettlePaymentResult> {
  const found = await tx.payments.get(input.paymentNo);
  if (!found || (input.token !== undefined && !tokenMatches(found.checkoutToken, input.token))) {
    throw new GatewayError(ResponseCodes.PaymentNotFound, `no payment with paymentNo ${input.paymentNo}`);
  }
  const current = await catchUpPayment(tx, ctx, found);
  if (current.status !== "PENDING") return { payment: current, changed: false, redirect: returnRedirect(current) };
  const outcome = outcomeFor(current, input.status, input.actor, {
    errorCode: input.errorCode,
    errorInfo: input.errorInfo,
  });
  const { payment, changed } = await finishPayment(tx, ctx, current, outcome);
  return { payment, changed, redirect: returnRedirect(payment) };
}

/**
 * The redirect to the payment's returnUrl with `merchantTradeNo`, `paymentNo`, `status` and (when
 * set) `merchantAttach` appended URL-encoded. The merchant's own query is kept byte for byte.
 */
export function returnRedirect(payment: PaymentRecord): PaymentRedirect {
  const params: PaymentReturnParams = {
    merchantTradeNo: payment.merchantTradeNo,
    paymentNo: payment.paymentNo,
    status: payment.status,
    ...(payment.merchantAttach === null ? {} : { merchantAttach: payment.merchantAttach }),
  };
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value as string)}`)
    .join("&");
  const hash = payment.returnUrl.indexOf("#");
  const base = hash === -1 ? payment.returnUrl : payment.returnUrl.slice(0, hash);
  const fragment = hash === -1 ? "" : payment.returnUrl.slice(hash);
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return { returnUrl: payment.returnUrl, params, url: `${base}${separator}${query}${fragment}` };
}

function tokenMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
