// The nonces seen within the clock window, for replay detection.

/** The nonce table. Every method runs inside the caller's transaction. */
export interface NonceRepository {
  /**
   * Records that `appId` used `nonce`, remembered until `expiresAt` (epoch ms). False when the
   * same appId used the same nonce before and that use has not expired at `now`: a replay.
   */
  remember(appId: string, nonce: string, expiresAt: number, now: number): Promise<boolean>;
  /** Forgets nonces expired at `now`; returns how many. */
  purge(now: number): Promise<number>;
}
