// balance/query and the control API's balance setting.

import type { Balance } from "@gatekit/types";
import type { BalanceRecord } from "../storage/balances.js";
import type { MerchantRecord } from "../storage/merchants.js";
import type { Tx } from "../storage/store.js";
import type { DomainContext } from "./context.js";
import { catchUpMerchant } from "./expiry.js";
import { formatAmount } from "./money.js";

/**
 * The merchant's balance in each requested currency, in the order asked, each currency once. A
 * currency the merchant never had counts as zero. Due payouts and refunds complete first, so
 * the balances are those of `ctx.now`.
 */
export async function queryBalances(tx: Tx, ctx: DomainContext, merchant: MerchantRecord, currencies: readonly string[]): Promise<Balance[]> {
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
