// balance/query, the starting balances, and the control API's look at and setting of balances.

import type { Balance } from "@gatekit/types";
import type { BalanceRecord } from "../storage/balances.js";
import type { MerchantRecord } from "../storage/merchants.js";
import type { Store, Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { catchUpMerchant } from "./expiry.js";
import { formatAmount } from "./money.js";

/**
 * The merchant's balance in each requested currency, in the order asked, each currency once. A
 * currency the merchant never had counts as zero. Due payouts and refunds complete first, so
 * the balances are those of `ctx.now`.
 */
export async function queryBalances(
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  currencies: readonly string[],
): Promise<Balance[]> {
  await catchUpMerchant(tx, ctx, merchant.appId);
  const result: Balance[] = [];
  for (const currency of new Set(currencies)) {
    result.push(balanceView(currency, await tx.balances.get(merchant.appId, currency)));
  }
  return result;
}

/** A balance as the contract shows it. */
export function balanceView(currency: string, record: BalanceRecord | null): Balance {
  return {
    currency,
    availableAmount: formatAmount(record?.available ?? 0n),
    frozenAmount: formatAmount(record?.frozen ?? 0n),
  };
}

/** Gives the merchant exactly its starting balances, dropping every other currency. */
export async function restoreStartingBalances(tx: Tx, merchant: MerchantRecord, now: number): Promise<void> {
  await tx.balances.clear(merchant.appId);
  for (const [currency, available] of Object.entries(merchant.startingBalances)) {
    await tx.balances.set(merchant.appId, currency, { available, frozen: 0n }, now);
  }
}

/** One currency's balance to set, in minor units; without `frozen` the frozen amount is kept. */
export interface BalanceSetting {
  readonly currency: string;
  readonly available: bigint;
  readonly frozen?: bigint | undefined;
}

/** The merchant's balances, one per currency it has; null when there is no merchant with this appId. */
export function listBalances(store: Store, appId: string): Promise<BalanceRecord[] | null> {
  return store.transaction(async (tx) => ((await tx.merchants.get(appId)) ? tx.balances.list(appId) : null));
}

/**
 * Sets the merchant's balances in the currencies given, leaving the others alone, and returns all
 * of them; null when there is no merchant with this appId.
 */
export function setBalances(
  store: Store,
  appId: string,
  settings: readonly BalanceSetting[],
  now: number,
): Promise<BalanceRecord[] | null> {
  return store.transaction(async (tx) => {
    if (!(await tx.merchants.get(appId))) return null;
    for (const setting of settings) {
      const frozen = setting.frozen ?? (await tx.balances.get(appId, setting.currency))?.frozen ?? 0n;
      await tx.balances.set(appId, setting.currency, { available: setting.available, frozen }, now);
    }
    return tx.balances.list(appId);
  });
}
