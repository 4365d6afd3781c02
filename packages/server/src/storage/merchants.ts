// Merchants as storage sees them: credentials, restrictions and the balances they start with.

import type { OperationId } from "@gatekit/types";

/** The public API's operations by operationId (the contract's other operationIds are its notifications). */
export type ApiOperationId = Exclude<OperationId, `${string}Notification`>;

/** How a merchant came to exist; `reset` with `all` treats each kind differently. */
export type MerchantOrigin = "configured" | "sandbox" | "control";

/** One merchant. Amounts are integer minor units. */
export interface MerchantRecord {
  readonly appId: string;
  readonly appSecret: string;
  /** Hosts notifyUrl and returnUrl may point at (`*.example.com` matches subdomains); null allows any. */
  readonly allowedHosts: readonly string[] | null;
  /** The public operations the merchant may call; null allows all. */
  readonly operations: readonly ApiOperationId[] | null;
  /** A disabled merchant's requests fail with `Common.Auth.Invalid_AppId`. */
  readonly disabled: boolean;
  /** Available amounts by currency that the merchant starts with, and returns to on reset. */
  readonly startingBalances: Readonly<Record<string, bigint>>;
  readonly origin: MerchantOrigin;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** The merchants table. Every method runs inside the caller's transaction. */
export interface MerchantRepository {
  get(appId: string): Promise<MerchantRecord | null>;
  /** Every merchant, oldest first. */
  list(): Promise<MerchantRecord[]>;
  /** Adds the merchant, or replaces the one with the same appId. */
  save(merchant: MerchantRecord): Promise<void>;
  /** Deletes the merchants of one origin; returns how many went. */
  deleteByOrigin(origin: MerchantOrigin): Promise<number>;
}
