// createGateway: opens the store, seeds the merchants, and wires the HTTP app (public API, control
// API, checkout page, docs), the delivery worker and the sweep timer together.

import { Hono } from "hono";
import { checkoutRoutes } from "./checkout/routes.js";
import { createTestClock, type TestClock } from "./clock.js";
import { controlRoutes } from "./control/routes.js";
import type { DomainContext, DomainSettings } from "./domain/context.js";
import { type SweepResult, sweep } from "./domain/expiry.js";
import { MerchantDirectory, type MerchantSeeds, seedMerchants } from "./domain/merchants.js";
import { createApi } from "./http/api.js";
import type { HttpDeps } from "./http/deps.js";
import { docsHandler } from "./http/docs.js";
import { envelopeText } from "./http/envelope.js";
import type { GatewayEnv } from "./http/env.js";
import { internalError, notFound } from "./http/errors.js";
import { requestScope } from "./http/scope.js";
import { signResponses } from "./http/signing.js";
import { createLogger, type GatewayLogger } from "./logging.js";
import { createDeliveryEvents, type DeliveryEvents } from "./notify/events.js";
import { observeOutbox } from "./notify/observed.js";
import { createDeliveryWorker } from "./notify/worker.js";
import { type GatewayOptions, resolveOptions, type ResolvedOptions } from "./options.js";
import type { MerchantOrigin } from "./storage/merchants.js";
import { openStore } from "./storage/open.js";
import type { Store } from "./storage/store.js";

/** A merchant's credentials, as `gateway.merchants()` tells them (to print them, or sign test requests). */
export interface GatewayMerchant {
  readonly appId: string;
  readonly appSecret: string;
  readonly origin: MerchantOrigin;
  readonly disabled: boolean;
}

/** A running gateway. */
export interface Gateway {
  /**
   * Answers one request, in-process or as the `fetch` of a server (`serve({ fetch: gateway.fetch })`
   * from @hono/node-server; its bindings are passed on as `env`, which lets the control API see the
   * client's address). After `close()` it answers 503.
   */
  fetch(request: Request, env?: unknown): Promise<Response>;
  /** Stops the timers and the delivery worker, waits for the requests in flight, and closes the database. */
  close(): Promise<void>;
  /** Resolves once the merchants are seeded; `fetch` waits for it by itself. Rejects when seeding failed. */
  readonly ready: Promise<void>;
  /** Every merchant with its credentials (the sandbox merchant's included), once ready. */
  merchants(): Promise<GatewayMerchant[]>;
  /** A merchant's appSecret, for signing its notifications; undefined for an unknown appId (and before `ready`). */
  secretFor(appId: string): string | undefined;
  /**
   * Applies every due transition now (expiries, scenario outcomes, refund and payout completions)
   * and forgets expired nonces.
   */
  sweep(): Promise<SweepResult>;
  /** Delivers every due notification now and resolves to the number of attempts made (for tests and tools). */
  deliverNow(): Promise<number>;
  /** The store, for tools and tests that need to look underneath. Do not use it after `close()`. */
  readonly store: Store;
  /** The options in force, with defaults applied. */
  readonly options: ResolvedOptions;
  /** The Hono app, to mount the gateway inside another Hono app. */
  readonly app: Hono<GatewayEnv>;
  /** The logger the gateway writes to. */
  readonly logger: GatewayLogger;
  /** The test clock (`/__gateway/clock`): the domain and the delivery schedule run on its `now()`. */
  readonly clock: TestClock;
  /** What happens to notifications in this process, as `GET /__gateway/events` streams it. */
  readonly events: DeliveryEvents;
}

/**
 * Creates a gateway. Throws a `GatewayOptionsError` for an invalid option and an Error when the
 * database cannot be opened; anything else surfaces through `ready`.
 */
export function createGateway(options: GatewayOptions = {}): Gateway {
  const resolved = resolveOptions(options);
  const logger = createLogger(resolved.logger);
  // `now` is real time (the `now` option: tests may pass a fake one): signatures, nonces and the
  // timestamps that sign notifications use it. Everything else runs on the test clock.
  const { now } = resolved;
  // What happens to notifications, for GET /__gateway/events: the store publishes each outbox change once committed.
  const events = createDeliveryEvents();
  const store = observeOutbox(
    openStore(resolved.db, (error) =>
      logger.warn({ err: { message: error.message } }, "a database connection failed; it is replaced on next use"),
    ),
    events,
  );
  const clock = createTestClock(store, now);
  const merchants = new MerchantDirectory();
  const settings: DomainSettings = {
    paymentExpiryMs: resolved.paymentExpiryMs,
    refundDelayMs: resolved.refundDelayMs,
    payoutDelayMs: resolved.payoutDelayMs,
    scenarioDelayMs: resolved.scenarioDelayMs,
  };

  // The notification delivery worker (src/notify/): it claims what the domain enqueued in the
  // outbox, signs each attempt with the merchant's secret and retries on the schedule. `notified`
  // wakes it as soon as a transaction enqueues something, instead of at its next poll.
  const worker = createDeliveryWorker({
    store,
    secretFor: (appId) => merchants.secretFor(appId),
    retryDelaysMs: resolved.notifyRetryDelaysMs,
    timeoutMs: resolved.notifyTimeoutMs,
    fetch: resolved.notifyFetch,
    now: clock.now,
    realNow: now,
    logger,
  });
  const notified = resolved.deliverNotifications ? () => worker.wake() : undefined;
  const context = (): DomainContext => ({ now: clock.now(), realNow: now(), settings, notified });

  const seeds: MerchantSeeds = {
    configured: resolved.merchants.map((merchant) => ({
      appId: merchant.appId,
      appSecret: merchant.appSecret,
      allowedHosts: merchant.allowedHosts,
      operations: merchant.operations,
      disabled: merchant.disabled,
      startingBalances: merchant.balances,
    })),
    sandbox: resolved.sandboxMerchant && {
      appId: resolved.sandboxMerchant.appId,
      appSecret: resolved.sandboxMerchant.appSecret,
      startingBalances: resolved.sandboxMerchant.balances,
    },
  };
  // The shared clock is read alongside (before the worker starts); merchants are seeded on real time.
  const ready = Promise.all([store.transaction((tx) => seedMerchants(tx, seeds, now())), clock.refresh()]).then(
    ([list]) => {
      merchants.replace(list);
      if (resolved.deliverNotifications) worker.start();
    },
  );
  // Other instances on the same database change merchants too (through their control API).
  const watch = store.watchMerchants?.(
    () => {
      merchants
        .reload(store)
        .catch((error: unknown) =>
          logger.error({ err: { message: (error as Error).message } }, "could not reload the merchants"),
        );
    },
    (error) =>
      logger.warn(
        { err: { message: error.message } },
        "the watch on merchant changes failed; it connects again in a second",
      ),
  );
  // Observed by fetch and by callers of `ready`; without this an early failure would be unhandled.
  ready.catch((error: unknown) =>
    logger.error({ err: { message: (error as Error).message } }, "the gateway could not start"),
  );

  const deps: HttpDeps = {
    basePath: resolved.basePath,
    publicUrl: resolved.publicUrl,
    clockToleranceMs: resolved.clockToleranceMs,
    now,
    logger,
    store,
    merchants,
    context,
  };

  const app = new Hono<GatewayEnv>();
  app.use("*", requestScope(logger));
  app.use("*", signResponses(deps));
  app.onError(internalError(logger));
  app.notFound(notFound(resolved.basePath));

  app.route(
    "/__gateway",
    controlRoutes({
      store,
      merchants,
      context,
      seeds,
      defaultBalances: resolved.defaultBalances,
      basePath: resolved.basePath,
      publicUrl: resolved.publicUrl,
      controlToken: resolved.controlToken,
      logger,
      clock,
      sweep: () => runSweep(),
      wakeWorker: () => notified?.(),
      events,
    }),
  );

  // The hosted checkout page at action.url (src/checkout/, built on loadCheckoutPayment and
  // settlePayment from the domain).
  app.route("/checkout", checkoutRoutes({ store, context, logger }) as unknown as Hono<GatewayEnv>);

  const docs = docsHandler(resolved.docsPath);
  app.get("/docs", docs);
  app.get("/docs/", docs);

  // Mounted last: with an empty base path its catch-all would otherwise shadow the routes above.
  app.route(resolved.basePath || "/", createApi(deps));

  // The sweep timer: due transitions happen even when nobody reads the objects.
  let sweeping: Promise<unknown> | undefined;
  // Each run first reads the shared clock, so an advance made by another instance on the same
  // database takes effect here by the next tick.
  const runSweep = (): Promise<SweepResult> => {
    const run = (sweeping ?? Promise.resolve()).then(async () => {
      await clock.refresh();
      return sweep(store, context());
    });
    sweeping = run.catch(() => undefined);
    return run;
  };
  const timer =
    resolved.sweepIntervalMs === null
      ? undefined
      : setInterval(() => {
          runSweep().catch((error: unknown) =>
            logger.error({ err: { message: (error as Error).message } }, "sweep failed; retrying at the next interval"),
          );
        }, resolved.sweepIntervalMs);
  timer?.unref?.();

  const inFlight = new Set<Promise<Response>>();
  let closing: Promise<void> | undefined;

  async function handle(request: Request, env: unknown): Promise<Response> {
    await ready;
    return app.fetch(request, env as GatewayEnv["Bindings"]);
  }

  return {
    fetch(request, env) {
      if (closing) return Promise.resolve(closedResponse());
      const response = handle(request, env).catch((error: unknown) => {
        logger.error({ err: { message: (error as Error).message } }, "request failed before routing");
        return new Response(envelopeText("Common.Internal_Error", "the gateway could not start; see its log", null), {
          status: 500,
          headers: { "content-type": "application/json; charset=utf-8" },
        });
      });
      inFlight.add(response);
      void response.finally(() => inFlight.delete(response));
      return response;
    },
    close() {
      closing ??= (async () => {
        if (timer !== undefined) clearInterval(timer);
        // Open event streams end now: they would otherwise hold their connections open forever.
        events.close();
        await ready.catch(() => undefined);
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        await sweeping;
        await worker.stop();
        await watch?.stop();
        await store.close();
      })();
      return closing;
    },
    ready,
    async merchants() {
      await ready;
      return merchants.list().map(({ appId, appSecret, origin, disabled }) => ({ appId, appSecret, origin, disabled }));
    },
    secretFor: (appId) => merchants.secretFor(appId),
    sweep: async () => {
      await ready;
      return runSweep();
    },
    deliverNow: async () => {
      await ready;
      return worker.runOnce();
    },
    store,
    options: resolved,
    app,
    logger,
    clock,
    events,
  };
}

function closedResponse(): Response {
  return new Response(envelopeText("Common.Internal_Error", "the gateway is closed; start it again", null), {
    status: 503,
    headers: { "content-type": "application/json; charset=utf-8" },
  });
}
