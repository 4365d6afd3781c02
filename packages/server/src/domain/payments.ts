// Pay-ins: create (idempotent) and query, each answering with the payment brought up to date.
// Its transitions are in payment-outcomes.ts, and the catching-up of what is due in expiry.ts.

import { type PaymentCreateRequest, type PaymentQueryRequest, ResponseCodes } from "@gatekit/types";
import type { MerchantRecord } from "../storage/merchants.js";
import type { PaymentRecord } from "../storage/payments.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { createOrRepeat } from "./create-or-repeat.js";
import { GatewayError } from "./errors.js";
import { catchUpPayment } from "./expiry.js";
import { newId, newToken } from "./ids.js";
import { positiveAmount } from "./money.js";
import { automaticPaymentOutcome, paymentScenario } from "./scenarios.js";
import { checkMerchantUrl } from "./urls.js";

/**
 * Creates a payment, or returns the one created before with the same merchantTradeNo and the
 * same content. Throws a {@link GatewayError}: `Payment.Common.Duplicate_Trade_No` for the same
 * merchantTradeNo with other content, `Common.Illegal_Url` for a notifyUrl or returnUrl the
 * merchant may not use, `Common.Request_Parameter_Error` for a zero amount,
 * `Payment.Common.Rejected` for the magic amount 4.05.
 */
export async function createPayment(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: PaymentCreateRequest,
): Promise<PaymentRecord> {
  const amount = positiveAmount("amount", request.amount);
  checkMerchantUrl("notifyUrl", request.notifyUrl, merchant.allowedHosts);
  checkMerchantUrl("returnUrl", request.returnUrl, merchant.allowedHosts);
  return createOrRepeat(request, {
    label: `payment ${request.merchantTradeNo}`,
    find: () => tx.payments.byMerchantTradeNo(merchant.appId, request.merchantTradeNo),
    catchUp: (existing) => catchUpPayment(tx, ctx, existing),
    differentContent: (existing) =>
      new GatewayError(
        ResponseCodes.PaymentDuplicateTradeNo,
        `merchantTradeNo ${existing.merchantTradeNo} was already used with different content; ` +
          "use a new merchantTradeNo, or resend the original content",
      ),
    create: async (hash) => {
      const payment = newPayment(ctx, merchant, request, amount, hash);
      // False: another instance of the gateway inserted the same merchantTradeNo first.
      return (await tx.payments.insert(payment)) ? payment : null;
    },
  });
}

// The new PENDING payment, unless its magic amount is refused at creation.
function newPayment(
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: PaymentCreateRequest,
  amount: bigint,
  hash: string,
): PaymentRecord {
  const scenario = paymentScenario(amount);
  if (scenario === "payment.rejected_at_create") {
    throw new GatewayError(
      ResponseCodes.PaymentRejected,
      "the payment was rejected by the channel (sandbox scenario: amount 4.05)",
    );
  }
  const { now, settings } = ctx;
  const expiresAt = now + settings.paymentExpiryMs;
  const scenarioAt = automaticPaymentOutcome(scenario) === null ? Infinity : now + settings.scenarioDelayMs;
  return {
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
}

/** The payment of payment/query, brought up to date. Throws `Payment.Common.Not_Found`. */
export async function queryPayment(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: PaymentQueryRequest,
): Promise<PaymentRecord> {
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
