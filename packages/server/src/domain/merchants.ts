// Merchants: the in-memory directory that authentication and notification signing read on every
// call (no database round trip, and `secretFor` can be synchronous), the seeding at start, and
// reset. The database stays the source of truth; the directory is reloaded after every change.

import type { MerchantRecord } from "../storage/merchants.js";
import type { Store, Tx } from "../storage/store.js";
import { restoreStartingBalances } from "./balances.js";
import { newToken } from "./ids.js";

/** A merchant the gateway's options configure. */
export type MerchantSeed = Pick<
  MerchantRecord,
  "appId" | "appSecret" | "allowedHosts" | "operations" | "disabled" | "startingBalances"
>;

/** The sandbox merchant made up when no merchant is configured; fixed credentials are optional. */
export interface SandboxSeed {
  readonly appId?: string | undefined;
  readonly appSecret?: string | undefined;
  readonly startingBalances: Readonly<Record<string, bigint>>;
}

/** What the gateway starts with. */
export interface MerchantSeeds {
  readonly configured: readonly MerchantSeed[];
  /** Null: no sandbox merchant, even when none is configured. */
  readonly sandbox: SandboxSeed | null;
}

/** The merchants by appId, in memory. */
export class MerchantDirectory {
  #byAppId = new Map<string, MerchantRecord>();
  // Reloads can finish out of order (on PostgreSQL, transactions run side by side), and one that
  // began before a change must not overwrite what a later one read. Each load takes a number when
  // it begins; a result older than the one in place is dropped.
  #begun = 0;
  #shown = 0;

  /** The merchant with this appId, if any. */
  get(appId: string): MerchantRecord | undefined {
    return this.#byAppId.get(appId);
  }

  /** The merchant's appSecret, to sign its notifications; undefined for an unknown appId. */
  secretFor(appId: string): string | undefined {
    return this.#byAppId.get(appId)?.appSecret;
  }

  /** Every merchant, oldest first. */
  list(): MerchantRecord[] {
    return [...this.#byAppId.values()];
  }

  /** Reloads every merchant from the database. */
  async reload(store: Store): Promise<void> {
    const load = ++this.#begun;
    const merchants = await store.transaction((tx) => tx.merchants.list());
    if (load > this.#shown) this.#show(load, merchants);
  }

  /** Replaces the contents (call after the transaction that changed merchants committed). */
  replace(merchants: readonly MerchantRecord[]): void {
    this.#show(++this.#begun, merchants);
  }

  #show(load: number, merchants: readonly MerchantRecord[]): void {
    this.#shown = load;
    this.#byAppId = new Map(merchants.map((merchant) => [merchant.appId, merchant]));
  }
}

/**
 * Makes the database hold the configured merchants (their settings follow the options; their
 * balances are set only when they are new) and, when none is configured, a sandbox merchant,
 * made up on first start and kept. Returns every merchant.
 */
export async function seedMerchants(tx: Tx, seeds: MerchantSeeds, now: number): Promise<MerchantRecord[]> {
  // Instances starting together on one database would otherwise each make up a sandbox merchant.
  await tx.maintenance.lock("seed merchants");
  for (const seed of seeds.configured) {
    const existing = await tx.merchants.get(seed.appId);
    const merchant: MerchantRecord = { ...seed, origin: "configured", createdAt: existing?.createdAt ?? now };
    await tx.merchants.save(merchant);
    if (!existing) await restoreStartingBalances(tx, merchant, now);
  }
  if (seeds.configured.length === 0 && seeds.sandbox !== null) await ensureSandbox(tx, seeds.sandbox, now);
  return tx.merchants.list();
}

async function ensureSandbox(tx: Tx, seed: SandboxSeed, now: number): Promise<void> {
  const merchants = await tx.merchants.list();
  const existing =
    seed.appId !== undefined
      ? merchants.find((merchant) => merchant.appId === seed.appId)
      : merchants.find((m) => m.origin === "sandbox");
  if (existing && (seed.appSecret === undefined || seed.appSecret === existing.appSecret)) return;
  const merchant: MerchantRecord = {
    appId: existing?.appId ?? seed.appId ?? newToken(16),
    appSecret: seed.appSecret ?? newToken(24),
    allowedHosts: existing?.allowedHosts ?? null,
    operations: existing?.operations ?? null,
    disabled: existing?.disabled ?? false,
    startingBalances: existing?.startingBalances ?? seed.startingBalances,
    origin: "sandbox",
    createdAt: existing?.createdAt ?? now,
  };
  await tx.merchants.save(merchant);
  if (!existing) await restoreStartingBalances(tx, merchant, now);
}

/**
 * Forgets every payment, refund, payout, notification and nonce, and restores every merchant's
 * starting balances. With `all`, also deletes the merchants added through the control API and
 * restores the others' settings (configured ones from the options; the sandbox merchant keeps its
 * credentials). Returns the merchants that remain.
 */
export async function resetState(
  tx: Tx,
  seeds: MerchantSeeds,
  options: { all: boolean; now: number },
): Promise<MerchantRecord[]> {
  const { all, now } = options;
  await tx.maintenance.wipeActivity();
  if (all) {
    await tx.merchants.deleteByOrigin("control");
    for (const seed of seeds.configured) {
      const existing = await tx.merchants.get(seed.appId);
      await tx.merchants.save({ ...seed, origin: "configured", createdAt: existing?.createdAt ?? now });
    }
    for (const merchant of await tx.merchants.list()) {
      if (merchant.origin === "sandbox") {
        await tx.merchants.save({ ...merchant, allowedHosts: null, operations: null, disabled: false });
      }
    }
  }
  const merchants = await tx.merchants.list();
  for (const merchant of merchants) await restoreStartingBalances(tx, merchant, now);
  return merchants;
}

/**
 * {@link resetState} in a transaction of its own, then the directory replaced with the merchants
 * that remain. Returns them.
 */
export async function resetGateway(
  store: Store,
  directory: MerchantDirectory,
  seeds: MerchantSeeds,
  options: { all: boolean; now: number },
): Promise<MerchantRecord[]> {
  const merchants = await store.transaction((tx) => resetState(tx, seeds, options));
  directory.replace(merchants);
  return merchants;
}
