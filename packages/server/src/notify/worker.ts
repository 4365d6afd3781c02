// The delivery worker: claims due notifications from the outbox under a lease, delivers each one
// outside any transaction, and records the attempt with the notification's next state. A worker
// (or a whole process) that dies mid-delivery loses nothing: the row stays pending, its lease runs
// out, and it is claimed again.

import type { NotificationRecord, NotificationRepository } from "../storage/notifications.js";
import { DEFAULT_RETRY_DELAYS_MS, checkRetryDelays, nextState } from "./schedule.js";
import { type SendResult, describeError, sendNotification } from "./send.js";
import { USER_AGENT } from "./version.js";

/** The part of the gateway's store the worker uses: a transaction with the outbox in it. */
export interface OutboxStore {
  transaction<T>(work: (tx: { readonly notifications: NotificationRepository }) => Promise<T>): Promise<T>;
}

/** The logging the worker does; a pino logger fits. Never given a secret, signature or body. */
export interface WorkerLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** Options of {@link createDeliveryWorker}. */
export interface DeliveryWorkerOptions {
  readonly store: OutboxStore;
  /** The appSecret that signs a merchant's notifications; undefined when the appId is unknown. */
  readonly secretFor: (appId: string) => string | undefined | Promise<string | undefined>;
  /** Delay before each retry, in ms; defaults to 15 s, 1 min, 5 min, 15 min, 1 h, 2 h, 6 h. */
  readonly retryDelaysMs?: readonly number[] | undefined;
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** The clock (epoch ms) of the schedule; tests pass a fake one to walk it, the gateway its test clock. */
  readonly now?: (() => number) | undefined;
  /** The real clock that timestamps each attempt's signature, when `now` is not real time. Default `now`. */
  readonly realNow?: (() => number) | undefined;
  readonly logger?: WorkerLogger | undefined;
  /** How often the outbox is checked for due rows when nothing wakes the worker; default 1000. */
  readonly pollIntervalMs?: number | undefined;
  /** How long a claimed row is held; must exceed `timeoutMs`. Default `timeoutMs + 5000`. */
  readonly leaseMs?: number | undefined;
  /** Per-attempt timeout covering the whole exchange; default 10 000. */
  readonly timeoutMs?: number | undefined;
  /** Deliveries in flight at once; default 8. */
  readonly concurrency?: number | undefined;
  /** Default `gatekit-gateway/<version>`. */
  readonly userAgent?: string | undefined;
}

/** A running (or stopped) delivery worker. */
export interface DeliveryWorker {
  /** Starts polling the outbox; does nothing when already started. */
  start(): void;
  /** Stops polling and resolves once every delivery in flight has been recorded. */
  stop(): Promise<void>;
  /** Checks for due rows now instead of at the next poll (call it after enqueueing). */
  wake(): void;
  /**
   * Claims and delivers whatever is due now, batch after batch, until nothing is due; resolves
   * to the number of attempts made. For tests and one-shot tools; use either this or start().
   */
  runOnce(): Promise<number>;
  readonly running: boolean;
}

const silent: WorkerLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Creates a delivery worker over the outbox in `store`. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const {
    store,
    secretFor,
    fetch = globalThis.fetch,
    now = Date.now,
    realNow = now,
    logger = silent,
    pollIntervalMs = 1000,
    timeoutMs = 10_000,
    concurrency = 8,
    userAgent = USER_AGENT,
  } = options;
  const retryDelaysMs = checkRetryDelays(options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS);
  const leaseMs = options.leaseMs ?? timeoutMs + 5000;
  positive("pollIntervalMs", pollIntervalMs);
  positive("timeoutMs", timeoutMs);
  positive("concurrency", concurrency);
  if (!(leaseMs > timeoutMs)) {
    throw new RangeError(
      `leaseMs (${leaseMs}) must be longer than timeoutMs (${timeoutMs}), or a slow delivery could be claimed twice.`,
    );
  }

  const inFlight = new Set<Promise<void>>();
  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // `busy` rather than `pumping !== undefined`: a pump with nothing to do finishes synchronously,
  // before its promise could be stored.
  let busy = false;
  let pumping: Promise<void> = Promise.resolve();
  let again = false;

  function claim(limit: number): Promise<NotificationRecord[]> {
    return store.transaction((tx) => tx.notifications.claimDue({ now: now(), limit, leaseMs }));
  }

  async function deliver(notification: NotificationRecord): Promise<void> {
    const attempt = notification.attempts + 1;
    const result = await attemptDelivery(notification);
    const next = nextState({
      attempt,
      outcome: result.outcome,
      now: result.startedAt + result.durationMs,
      retryDelaysMs,
    });
    const fields = {
      notificationId: notification.id,
      appId: notification.appId,
      kind: notification.kind,
      objectNo: notification.objectNo,
      host: hostOf(notification.notifyUrl),
      attempt,
      outcome: result.outcome,
      httpStatus: result.httpStatus,
      latencyMs: result.durationMs,
      next: next.status,
      ...(next.status === "pending" ? { nextAttemptAt: new Date(next.nextAttemptAt).toISOString() } : {}),
    };
    try {
      await store.transaction((tx) =>
        tx.notifications.recordAttempt(
          {
            notificationId: notification.id,
            attempt,
            startedAt: result.startedAt,
            durationMs: result.durationMs,
            httpStatus: result.httpStatus,
            outcome: result.outcome,
            detail: result.detail,
          },
          next,
        ),
      );
    } catch (error) {
      // The lease runs out and the row is claimed again: delivered at least once, never lost.
      logger.error(
        { ...fields, err: describeError(error) },
        "could not record a notification attempt; it will be retried",
      );
      return;
    }
    if (result.outcome === "acknowledged") logger.info(fields, "notification delivered");
    else if (next.status === "failed")
      logger.error({ ...fields, detail: result.detail }, "notification failed: no attempts left");
    else logger.warn({ ...fields, detail: result.detail }, "notification attempt failed; will retry");
  }

  async function attemptDelivery(notification: NotificationRecord): Promise<SendResult> {
    let appSecret: string | undefined;
    try {
      appSecret = await secretFor(notification.appId);
    } catch (error) {
      logger.error(
        { notificationId: notification.id, err: describeError(error) },
        "could not look up the merchant's secret",
      );
    }
    if (appSecret === undefined) {
      const startedAt = now();
      return {
        outcome: "connection_error",
        httpStatus: null,
        detail: `not sent: no secret is known for appId ${notification.appId}, so it cannot be signed`,
        startedAt,
        durationMs: 0,
      };
    }
    return sendNotification({
      notification,
      attempt: notification.attempts + 1,
      appSecret,
      userAgent,
      timeoutMs,
      fetch,
      now,
      signingNow: realNow,
    });
  }

  function track(delivery: Promise<void>): void {
    inFlight.add(delivery);
    void delivery
      .catch((error: unknown) => logger.error({ err: describeError(error) }, "notification delivery crashed"))
      .finally(() => {
        inFlight.delete(delivery);
        if (running) void pump();
      });
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!running) return;
    timer = setTimeout(() => void pump(), pollIntervalMs);
    // The HTTP server keeps the process alive; a pending poll should not.
    timer.unref?.();
  }

  function pump(): Promise<void> {
    if (busy) {
      again = true;
      return pumping;
    }
    busy = true;
    pumping = (async () => {
      try {
        do {
          again = false;
          const free = concurrency - inFlight.size;
          if (!running || free <= 0) break;
          const claimed = await claim(free);
          for (const notification of claimed) track(deliver(notification));
          // A full batch means more may be due right now.
          if (claimed.length === free) again = true;
        } while (again && running);
      } catch (error) {
        if (running)
          logger.error({ err: describeError(error) }, "could not claim due notifications; retrying at the next poll");
      } finally {
        busy = false;
        schedule();
      }
    })();
    return pumping;
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      void pump();
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await pumping;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    wake() {
      if (running) void pump();
    },
    async runOnce() {
      let count = 0;
      for (;;) {
        const claimed = await claim(concurrency);
        if (claimed.length === 0) return count;
        await Promise.all(claimed.map(deliver));
        count += claimed.length;
      }
    },
  };
}

function positive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}.`);
}

// Only the host is logged: a notifyUrl's path or query may carry the merchant's own tokens.
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}
