// Balances per merchant and currency, in integer minor units. Each change is one conditional
// statement, so a balance can never go below zero however requests interleave.

/** One currency's balance. */
export interface BalanceRecord {
  readonly currency: string;
  readonly available: bigint;
  readonly frozen: bigint;
}

/** The balances table. Every method runs inside the caller's transaction. */
export interface BalanceRepository {
  /** Null when the merchant never had a balance in the currency (it counts as zero). */
  get(appId: string, currency: string): Promise<BalanceRecord | null>;
  /** Every currency of the merchant, by currency code. */
  list(appId: string): Promise<BalanceRecord[]>;
  /**
   * Adds to the available amount (creating the balance). Saturates at the largest amount the
   * contract can express rather than overflowing.
   */
  credit(appId: string, currency: string, amount: bigint, now: number): Promise<void>;
  /** Takes from the available amount; false (nothing changed) when it does not cover `amount`. */
  debit(appId: string, currency: string, amount: bigint, now: number): Promise<boolean>;
  /** Moves `amount` from available to frozen; false (nothing changed) when available does not cover it. */
  freeze(appId: string, currency: string, amount: bigint, now: number): Promise<boolean>;
  /** Takes `amount` out of frozen for good (a payout was paid). */
  spendFrozen(appId: string, currency: string, amount: bigint, now: number): Promise<void>;
  /** Moves `amount` back from frozen to available (a payout failed). */
  unfreeze(appId: string, currency: string, amount: bigint, now: number): Promise<void>;
  /** Sets a balance outright (control API, starting balances). */
  set(appId: string, currency: string, balance: { available: bigint; frozen: bigint }, now: number): Promise<void>;
  /** Deletes every balance of the merchant. */
  clear(appId: string): Promise<void>;
}
