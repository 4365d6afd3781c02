// What every domain function gets besides the transaction: the time to act at and the settings.

/** The gateway's business settings. */
export interface DomainSettings {
  /** How long a payment stays PENDING before it closes by itself. */
  readonly paymentExpiryMs: number;
  /** How long after creation a refund completes by itself; 0 within refund/create, null never. */
  readonly refundDelayMs: number | null;
  /** How long after creation a payout completes by itself; null never (control API only). */
  readonly payoutDelayMs: number | null;
  /** How long after creation a self-settling magic-amount payment reaches its outcome. */
  readonly scenarioDelayMs: number;
}

/** The context of one domain call. */
export interface DomainContext {
  /** Epoch ms to act at: one value per call, so every time a call writes is the same. */
  readonly now: number;
  /**
   * The real time, when `now` is a test clock that was moved: what guards against replays
   * (nonces) must not follow it. Default `now`.
   */
  readonly realNow?: number | undefined;
  readonly settings: DomainSettings;
  /** Called whenever a notification is enqueued, so the delivery worker can look sooner. */
  readonly notified?: (() => void) | undefined;
}
