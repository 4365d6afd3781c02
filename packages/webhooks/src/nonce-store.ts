// Replay protection. A valid notification can be captured and sent again for as long as its
// timestamp is inside the clock window; remembering each accepted nonce for that long closes the
// gap. Check and remember must be one atomic step: with a separate "has" and "add", two
// concurrent deliveries of the same nonce could both see it as new.

/**
 * Where accepted nonces are remembered. One method, atomic: record `key` for `ttlMs`
 * milliseconds and tell whether it was new. Return `true` when this call recorded the key (the
 * nonce is fresh), `false` when it was already recorded and has not expired (a replay).
 *
 * The verifier calls it only after the signature is valid, so forged requests cannot fill the
 * store or burn a nonce, and with a time to live that ends exactly when the clock window would
 * refuse the timestamp anyway. The key includes the appId.
 *
 * In-memory ({@link MemoryNonceStore}) is enough for one process. With several processes or
 * hosts, use a shared store; with Redis it is one command, atomic by itself:
 *
 * ```ts
 * const nonceStore: NonceStore = {
 *   claim: async (key, ttlMs) => (await redis.set(`gatekit:nonce:${key}`, "1", { NX: true, PX: ttlMs })) === "OK",
 * };
 * ```
 */
export interface NonceStore {
  claim(key: string, ttlMs: number): boolean | Promise<boolean>;
}

/** Options for {@link MemoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /**
   * The most nonces kept at once. When full, the oldest are forgotten first, which only matters
   * for more notifications than this within one clock window. Default 100 000 (a few MB).
   */
  readonly maxEntries?: number | undefined;
  /** The store's clock, in epoch ms; defaults to `Date.now`. Tests pass a fake one. */
  readonly now?: (() => number) | undefined;
}

/**
 * A {@link NonceStore} in this process's memory, with expiry and a bound on its size. Synchronous,
 * so a claim cannot interleave with another. Use a shared store when notifications can reach
 * more than one process.
 */
export class MemoryNonceStore implements NonceStore {
  // Key → expiry (epoch ms). A Map iterates in insertion order, and nonces arrive roughly in
  // expiry order, so expired entries gather at the front where they are cheap to drop.
  readonly #entries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryNonceStoreOptions = {}) {
    const { maxEntries = 100_000, now = Date.now } = options;
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a whole number of at least 1, got ${maxEntries}.`);
    }
    this.#maxEntries = maxEntries;
    this.#now = now;
  }

  /** How many nonces are remembered now, expired ones not yet dropped included. */
  get size(): number {
    return this.#entries.size;
  }

  claim(key: string, ttlMs: number): boolean {
    const now = this.#now();
    this.#dropExpired(now);
    const expiresAt = this.#entries.get(key);
    if (expiresAt !== undefined) {
      if (expiresAt > now) return false;
      // Expired but not yet dropped: delete first, so it is re-inserted at the back.
      this.#entries.delete(key);
    }
    while (this.#entries.size >= this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    this.#entries.set(key, now + Math.max(ttlMs, 0));
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.#entries.clear();
  }

  // Drops expired entries from the front. An unexpired entry stops the sweep even if expired ones
  // follow it; they go on a later call, and the size bound holds meanwhile.
  #dropExpired(now: number): void {
    for (const [key, expiresAt] of this.#entries) {
      if (expiresAt > now) return;
      this.#entries.delete(key);
    }
  }
}
