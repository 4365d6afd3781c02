// The gateway's storage, as the rest of the gateway sees it: a transaction handing out one
// repository per aggregate. Everything is async and nothing here is SQLite-specific, so another
// backend (PostgreSQL is planned, several gateway instances over one database) can implement it;
// the domain relies only on what each repository method promises.

import type { BalanceRepository } from "./balances.js";
import type { ClockRepository } from "./clock.js";
import type { MerchantRepository } from "./merchants.js";
import type { NonceRepository } from "./nonces.js";
import type { NotificationRepository } from "./notifications.js";
import type { PaymentRepository } from "./payments.js";
import type { PayoutRepository } from "./payouts.js";
import type { RefundRepository } from "./refunds.js";

/** Wipes state (only reset uses it), and serialises work that reads before it decides to write. */
export interface MaintenanceRepository {
  /** Deletes every payment, refund, payout, notification, delivery attempt and nonce. */
  wipeActivity(): Promise<void>;
  /**
   * Holds, until the transaction ends, a lock named `name` that any transaction of any process on
   * the same database can take: transactions taking the same name run one after another. For a
   * decision no unique key can guard, such as "is there a sandbox merchant yet?".
   */
  lock(name: string): Promise<void>;
}

/**
 * The repositories of one transaction. Valid only until the transaction's function settles. Await
 * each call before the next: a transaction is one database connection, which runs one statement
 * at a time.
 */
export interface Tx {
  readonly merchants: MerchantRepository;
  readonly payments: PaymentRepository;
  readonly refunds: RefundRepository;
  readonly payouts: PayoutRepository;
  readonly balances: BalanceRepository;
  readonly nonces: NonceRepository;
  readonly notifications: NotificationRepository;
  readonly maintenance: MaintenanceRepository;
  readonly clock: ClockRepository;
}

/** A watch on merchant changes (see {@link Store.watchMerchants}). */
export interface MerchantWatch {
  /** Resolves once changes are being heard; rejects when the watch could not be set up. */
  readonly ready: Promise<void>;
  /** Stops watching. */
  stop(): Promise<void>;
}

/** The gateway's storage. */
export interface Store {
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it rejects, and the
   * result or error passed on. Transactions do not nest, and `fn` must not wait on anything but
   * the repositories (no network), since the transaction holds the database while it runs.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Waits for the transactions already queued, then closes the database. Later calls reject. */
  close(): Promise<void>;
  /**
   * Calls `listener` whenever a transaction of any process on the same database commits a change
   * to merchants, so that gateway instances sharing a database keep their directories current.
   * `ready` resolves once changes are being heard. Optional: a store that one process owns has
   * nothing to watch.
   */
  watchMerchants?(listener: () => void, onError?: (error: Error) => void): MerchantWatch;
}

export type { BalanceRecord, BalanceRepository } from "./balances.js";
export type { ClockRepository } from "./clock.js";
export type { MerchantOrigin, MerchantRecord, MerchantRepository } from "./merchants.js";
export type { NonceRepository } from "./nonces.js";
export type * from "./notifications.js";
export type { PaymentFinish, PaymentRecord, PaymentRepository } from "./payments.js";
export type { PayoutFinish, PayoutRecord, PayoutRepository } from "./payouts.js";
export type { RefundRecord, RefundRepository } from "./refunds.js";
