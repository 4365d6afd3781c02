// The control API's merchants: list and look one up, add one, and change its settings. A change
// takes effect at once: the directory that authentication reads is reloaded after it commits.

import type { ApiOperationId } from "@gatekit/types";
import type { MerchantRecord } from "../storage/merchants.js";
import type { Store } from "../storage/store.js";
import { restoreStartingBalances } from "./balances.js";
import { StateConflict } from "./errors.js";
import { newToken } from "./ids.js";
import type { MerchantDirectory } from "./merchants.js";

/** A merchant to add; the gateway makes up the credentials left out. */
export interface NewMerchant {
  readonly appId?: string | undefined;
  readonly appSecret?: string | undefined;
  readonly allowedHosts: readonly string[] | null;
  readonly operations: readonly ApiOperationId[] | null;
  /** Available amounts by currency, in minor units, given to it now and again on every reset. */
  readonly startingBalances: Readonly<Record<string, bigint>>;
}

/** The settings to change; a setting left out keeps its value. */
export interface MerchantChange {
  readonly allowedHosts?: readonly string[] | null | undefined;
  readonly operations?: readonly ApiOperationId[] | null | undefined;
  readonly disabled?: boolean | undefined;
}

/** Every merchant, oldest first, as the database has them. */
export function listMerchants(store: Store): Promise<MerchantRecord[]> {
  return store.transaction((tx) => tx.merchants.list());
}

/** The merchant with this appId; null when there is none. */
export function findMerchant(store: Store, appId: string): Promise<MerchantRecord | null> {
  return store.transaction((tx) => tx.merchants.get(appId));
}

/**
 * Adds a merchant (origin `control`, which a full reset deletes) with its starting balances.
 * Throws a {@link StateConflict} when its appId is taken.
 */
export async function addMerchant(
  store: Store,
  directory: MerchantDirectory,
  input: NewMerchant,
  now: number,
): Promise<MerchantRecord> {
  const merchant: MerchantRecord = {
    appId: input.appId ?? newToken(16),
    appSecret: input.appSecret ?? newToken(24),
    allowedHosts: input.allowedHosts,
    operations: input.operations,
    disabled: false,
    startingBalances: input.startingBalances,
    origin: "control",
    createdAt: now,
  };
  await store.transaction(async (tx) => {
    if (await tx.merchants.get(merchant.appId)) {
      throw new StateConflict(`a merchant with appId ${merchant.appId} already exists`);
    }
    await tx.merchants.save(merchant);
    await restoreStartingBalances(tx, merchant, now);
  });
  await directory.reload(store);
  return merchant;
}

/** Changes a merchant's settings; null when there is no merchant with this appId. */
export async function changeMerchant(
  store: Store,
  directory: MerchantDirectory,
  appId: string,
  change: MerchantChange,
): Promise<MerchantRecord | null> {
  const changed = await store.transaction(async (tx) => {
    const current = await tx.merchants.get(appId);
    if (!current) return null;
    const next: MerchantRecord = {
      ...current,
      ...(change.allowedHosts !== undefined ? { allowedHosts: change.allowedHosts } : {}),
      ...(change.operations !== undefined ? { operations: change.operations } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
    };
    await tx.merchants.save(next);
    return next;
  });
  // An unknown appId changed nothing, so there is nothing to reload.
  if (changed) await directory.reload(store);
  return changed;
}
