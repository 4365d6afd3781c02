// Payouts: PENDING with the amount and fee frozen, then PAID (frozen funds debited) or FAILED
// (released, fee waived). Creation is idempotent on merchantTradeNo.

import { type PayoutCreateRequest, type PayoutQueryRequest, ResponseCodes } from "@gatekit/types";
import type { MerchantRecord } from "../storage/merchants.js";
import type { PayoutRecord } from "../storage/payouts.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { createOrRepeat } from "./create-or-repeat.js";
import { GatewayError } from "./errors.js";
import { newId, newRrn } from "./ids.js";
import { formatAmount, payoutFee, positiveAmount } from "./money.js";
import { notifyPayout } from "./notifications.js";
import { payoutScenario } from "./scenarios.js";
import { checkMerchantUrl } from "./urls.js";

/**
 * Creates a payout and freezes its amount plus fee, or returns the one created before with the
 * same merchantTradeNo and content. Throws a {@link GatewayError}:
 * `Payout.Common.Duplicate_Trade_No`, `Payout.Common.Insufficient_Balance`,
 * `Common.Illegal_Url`, `Common.Request_Parameter_Error` for a zero amount, or
 * `Payout.Common.Rejected` for the magic amount 6.07.
 */
export async function createPayout(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: PayoutCreateRequest,
): Promise<PayoutRecord> {
  const amount = positiveAmount("amount", request.amount);
  checkMerchantUrl("notifyUrl", request.notifyUrl, merchant.allowedHosts);
  return createOrRepeat(request, {
    label: `payout ${request.merchantTradeNo}`,
    find: () => tx.payouts.byMerchantTradeNo(merchant.appId, request.merchantTradeNo),
    catchUp: (existing) => catchUpPayout(tx, ctx, existing),
    differentContent: (existing) =>
      new GatewayError(
        ResponseCodes.PayoutDuplicateTradeNo,
        `merchantTradeNo ${existing.merchantTradeNo} was already used for a payout with different content; ` +
          "use a new merchantTradeNo, or resend the original content",
      ),
    create: (hash, repeatOfWinner) => newPayout(tx, ctx, merchant, request, { amount, hash, repeatOfWinner }),
  });
}

// Freezes the amount plus fee and inserts the PENDING payout; null when a concurrent create with
// the same merchantTradeNo inserted first (what this call froze is then released).
async function newPayout(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: PayoutCreateRequest,
  create: { amount: bigint; hash: string; repeatOfWinner: () => Promise<PayoutRecord | null> },
): Promise<PayoutRecord | null> {
  const { amount, hash } = create;
  const scenario = payoutScenario(amount);
  if (scenario === "payout.rejected_at_create") {
    throw new GatewayError(
      ResponseCodes.PayoutRejected,
      "the payout was rejected by the channel (sandbox scenario: amount 6.07)",
    );
  }
  const { now, settings } = ctx;
  const fee = payoutFee(amount);
  const total = amount + fee;
  if (!(await tx.balances.freeze(merchant.appId, request.currency, total, now))) {
    // On a database where transactions run side by side, a concurrent create with the same
    // merchantTradeNo may have frozen the funds this one wanted; it is committed by now, so look again.
    const winner = await create.repeatOfWinner();
    if (winner) return winner;
    const balance = await tx.balances.get(merchant.appId, request.currency);
    throw new GatewayError(
      ResponseCodes.PayoutInsufficientBalance,
      `available balance ${formatAmount(balance?.available ?? 0n)} ${request.currency} is less than ` +
        `${formatAmount(total)} ${request.currency} ` +
        `(the amount ${formatAmount(amount)} plus the fee ${formatAmount(fee)})`,
    );
  }
  const payout: PayoutRecord = {
    payoutNo: newId("PO", now),
    appId: merchant.appId,
    merchantTradeNo: request.merchantTradeNo,
    requestHash: hash,
    amount,
    fee,
    currency: request.currency,
    description: request.description,
    payoutMethodType: request.payoutMethod.type,
    merchantAttach: request.merchantAttach ?? null,
    notifyUrl: request.notifyUrl,
    status: "PENDING",
    rrn: null,
    errorCode: null,
    errorInfo: null,
    scenario,
    createdAt: now,
    paidAt: null,
    dueAt: settings.payoutDelayMs === null ? null : now + settings.payoutDelayMs,
    updatedAt: now,
  };
  if (await tx.payouts.insert(payout)) return payout;
  await tx.balances.unfreeze(merchant.appId, request.currency, total, now);
  return null;
}

/** The payout of payout/query, brought up to date. Throws `Payout.Common.Not_Found`. */
export async function queryPayout(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: PayoutQueryRequest,
): Promise<PayoutRecord> {
  const byPayoutNo = "payoutNo" in request && request.payoutNo !== undefined;
  const key = byPayoutNo ? (request.payoutNo as string) : (request as { merchantTradeNo: string }).merchantTradeNo;
  const payout = byPayoutNo
    ? await tx.payouts.get(key, merchant.appId)
    : await tx.payouts.byMerchantTradeNo(merchant.appId, key);
  if (!payout)
    throw new GatewayError(
      ResponseCodes.PayoutNotFound,
      `no payout with ${byPayoutNo ? "payoutNo" : "merchantTradeNo"} ${key}`,
    );
  return catchUpPayout(tx, ctx, payout);
}

/** The payout brought up to date: completed when it is due. */
export async function catchUpPayout(tx: Tx, ctx: DomainContext, payout: PayoutRecord): Promise<PayoutRecord> {
  if (payout.status !== "PENDING" || payout.dueAt === null || payout.dueAt > ctx.now) return payout;
  return (await completePayout(tx, ctx, payout, { status: "PAID", actor: "system" })).payout;
}

/** Completes every payout due at `ctx.now` (of one merchant when asked); returns how many. */
export async function completeDuePayouts(tx: Tx, ctx: DomainContext, appId?: string, limit = 100): Promise<number> {
  const due = await tx.payouts.due(ctx.now, limit, appId);
  for (const payout of due) await completePayout(tx, ctx, payout, { status: "PAID", actor: "system" });
  return due.length;
}

/** How a payout should end. */
export interface PayoutOutcomeInput {
  readonly status: "PAID" | "FAILED";
  /** `system` applies the magic amount 6.06; `control` gets exactly what it asks for. */
  readonly actor: "control" | "system";
  readonly errorCode?: string | undefined;
  readonly errorInfo?: string | undefined;
}

/**
 * Moves a PENDING payout to PAID (debits the frozen amount and fee) or FAILED (releases them; the
 * fee becomes 0.00) and notifies. `changed` is false when it was no longer PENDING.
 */
export async function completePayout(
  tx: Tx,
  ctx: DomainContext,
  payout: PayoutRecord,
  input: PayoutOutcomeInput,
): Promise<{ payout: PayoutRecord; changed: boolean }> {
  const { now } = ctx;
  let { status } = input;
  let errorCode: string | null = null;
  let errorInfo: string | null = null;
  if (status === "PAID" && input.actor === "system" && payout.scenario === "payout.fails") {
    status = "FAILED";
    errorInfo = "Beneficiary account is closed (sandbox scenario: amount 6.06)";
  }
  if (status === "FAILED") {
    errorCode = input.errorCode ?? ResponseCodes.PayoutRejected;
    errorInfo = input.errorInfo ?? errorInfo ?? "Rejected through the gateway's control API";
  }
  const paid = status === "PAID";
  const change = {
    status,
    fee: paid ? payout.fee : 0n,
    paidAt: paid ? now : null,
    rrn: paid ? newRrn() : null,
    errorCode,
    errorInfo,
    now,
  };
  if (!(await tx.payouts.finish(payout.payoutNo, change))) {
    return { payout: (await tx.payouts.get(payout.payoutNo)) ?? payout, changed: false };
  }
  const frozen = payout.amount + payout.fee;
  if (paid) await tx.balances.spendFrozen(payout.appId, payout.currency, frozen, now);
  else await tx.balances.unfreeze(payout.appId, payout.currency, frozen, now);
  const updated: PayoutRecord = {
    ...payout,
    status,
    fee: change.fee,
    paidAt: change.paidAt,
    rrn: change.rrn,
    errorCode,
    errorInfo,
    dueAt: null,
    updatedAt: now,
  };
  await notifyPayout(tx, ctx, updated);
  return { payout: updated, changed: true };
}
