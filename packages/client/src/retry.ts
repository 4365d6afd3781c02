// Retries: connection errors, timeouts and 5xx are tried again with exponential backoff and
// jitter, honouring Retry-After. That is safe because the creates are idempotent by
// merchantTradeNo / merchantRefundNo; anything the gateway answered with 200 is final.

/** A Retry-After longer than this ends the retries: blocking a merchant's call for minutes is worse than failing it. */
export const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The wait before retry number `retry` (1 for the first): `initialMs` doubling up to `maxMs`,
 * scaled by a random factor in [0.5, 1) so that clients failing together do not retry together,
 * and never below `initialMs`.
 */
export function retryDelay(
  retry: number,
  backoff: { readonly initialMs: number; readonly maxMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (retry - 1));
  return Math.max(backoff.initialMs, Math.round(ceiling * 0.5 * (1 + random())));
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an IMF-fixdate-like value: Date.parse would read plain numbers with signs or decimals too.
  if (!/^[A-Za-z]{3},/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
