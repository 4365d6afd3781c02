// createGateway's options: what each means, its default, and how they resolve, with the checks
// (option-checks.ts) that turn a mistake into an error naming the option, at start rather than at
// the first request. What they resolve to is in resolved-options.ts.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ApiOperationId } from "@gatekit/types";
import type { LoggerOption } from "./logging.js";
import {
  appId,
  balances,
  basePath,
  controlToken,
  duration,
  flag,
  fn,
  GatewayOptionsError,
  hosts,
  operations,
  positive,
  publicUrl,
  secret,
  text,
} from "./option-checks.js";
import type { ResolvedMerchant, ResolvedOptions } from "./resolved-options.js";

export { GatewayOptionsError } from "./option-checks.js";
export type { ResolvedMerchant, ResolvedOptions } from "./resolved-options.js";

/** A merchant the gateway knows from the start. */
export interface MerchantOptions {
  readonly appId: string;
  readonly appSecret: string;
  /** Hosts notifyUrl and returnUrl may point at (`*.example.com` matches subdomains). Default: any. */
  readonly allowedHosts?: readonly string[] | null | undefined;
  /** Operations (operationIds) the merchant may call; others fail with `Common.Auth.Auth_Failed`. Default: all. */
  readonly operations?: readonly ApiOperationId[] | null | undefined;
  /** A disabled merchant's requests fail with `Common.Auth.Invalid_AppId`. */
  readonly disabled?: boolean | undefined;
  /**
   * Available amounts by currency it starts with (and returns to on reset), such as
   * `{ INR: "5000.00" }`. Default: `defaultBalances`.
   */
  readonly balances?: Readonly<Record<string, string>> | undefined;
}

/** The sandbox merchant made up on first start when no merchant is configured. */
export interface SandboxMerchantOptions {
  /** Fixed credentials instead of random ones (kept in the database either way). */
  readonly appId?: string | undefined;
  readonly appSecret?: string | undefined;
  /** Default: `defaultBalances`. */
  readonly balances?: Readonly<Record<string, string>> | undefined;
}

/** The options of `createGateway`. Every one is optional. */
export interface GatewayOptions {
  /**
   * The database. A SQLite file path (created with its folder when missing) or `:memory:`; or a
   * PostgreSQL URL (`postgres://user:password@host:5432/database`), which several gateway
   * instances can share; its `options=-c search_path=<schema>` parameter picks a schema of its own,
   * created when missing. The schema is migrated at start. Default `:memory:` (the CLI defaults to
   * `.gatekit/gateway.db`).
   */
  readonly db?: string | undefined;
  /** The merchants to know (their settings follow these options on every start; their balances are set once). */
  readonly merchants?: readonly MerchantOptions[] | undefined;
  /**
   * When no merchant is configured, whether to make up a sandbox merchant on first start and keep
   * it in the database (`gateway.merchants()` tells its credentials). Default true.
   */
  readonly sandboxMerchant?: boolean | SandboxMerchantOptions | undefined;
  /** Starting balances of merchants that do not name their own. Default `{ INR: "100000.00", BRL: "100000.00" }`. */
  readonly defaultBalances?: Readonly<Record<string, string>> | undefined;
  /**
   * The URL clients reach the gateway at, such as `https://gateway.example.test` (a path prefix is
   * allowed when a proxy adds one). Requests are verified over this URL + the request's path, and
   * links (action.url) start with it. Default: each request's own URL, which is right unless a
   * proxy rewrites the scheme, host or path.
   */
  readonly publicUrl?: string | null | undefined;
  /** Where the operations live. Default `/pg`, so create is `POST /pg/v2/payment/create`. */
  readonly basePath?: string | undefined;
  /** The clock window either way, and how long nonces are remembered. Default 300 000 (5 minutes). */
  readonly clockToleranceMs?: number | undefined;
  /** How long a payment stays PENDING before it closes. Default 1 800 000 (30 minutes). */
  readonly paymentExpiryMs?: number | undefined;
  /**
   * How long after creation a refund completes by itself; 0 completes it within refund/create; null
   * never (control API only). Default 1000.
   */
  readonly refundDelayMs?: number | null | undefined;
  /** How long after creation a payout completes by itself; null never (control API only). Default 1000. */
  readonly payoutDelayMs?: number | null | undefined;
  /** How long after creation the self-settling magic amounts (5.01, 5.02, 5.03) reach their outcome. Default 1000. */
  readonly scenarioDelayMs?: number | undefined;
  /**
   * How often due transitions are applied and expired nonces forgotten; null: never by timer (call
   * `gateway.sweep()`). Default 1000.
   */
  readonly sweepIntervalMs?: number | null | undefined;
  /** Delays before each notification retry. Default 15 s, 1 min, 5 min, 15 min, 1 h, 2 h, 6 h. */
  readonly notifyRetryDelaysMs?: readonly number[] | undefined;
  /**
   * How long one delivery attempt may take, the merchant's answer included, before it counts as a
   * timeout. A claimed notification is leased for this plus 5 s, which is also how long an
   * instance that died mid-delivery keeps others from delivering it. Default 10 000.
   */
  readonly notifyTimeoutMs?: number | undefined;
  /**
   * Whether the gateway delivers notifications by itself. Default true; tests may use
   * `gateway.deliverNow()` instead.
   */
  readonly deliverNotifications?: boolean | undefined;
  /** The fetch notifications are sent with. Default the global fetch. */
  readonly notifyFetch?: typeof globalThis.fetch | undefined;
  /**
   * When set, the control API requires `Authorization: Bearer <controlToken>` (and then answers any
   * address). Default: none, loopback only.
   */
  readonly controlToken?: string | null | undefined;
  /** A pino logger, a level, or false. Default level `warn`. */
  readonly logger?: LoggerOption | undefined;
  /** The clock (epoch ms). Tests move it to walk through expiry and retries. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /**
   * The API docs page served at /docs. Default the workspace's apps/docs/dist/index.html; null
   * serves the "not built" page.
   */
  readonly docsPath?: string | null | undefined;
}

/** The default retry delays of notifications (ms). */
export const DEFAULT_NOTIFY_RETRY_DELAYS_MS: readonly number[] = Object.freeze(
  [15, 60, 300, 900, 3600, 7200, 21600].map((s) => s * 1000),
);

/** The default starting balances. */
export const DEFAULT_BALANCES: Readonly<Record<string, string>> = Object.freeze({ INR: "100000.00", BRL: "100000.00" });

/**
 * The API docs page: in the workspace, the docs build itself (the freshest); in an installed
 * package, the copy its build put in `dist/docs/`. Both are found from src/ or dist/ alike, each
 * being one level below the package. When neither exists, the first: `/docs` then says how to
 * build it.
 */
export function defaultDocsPath(): string {
  const candidates = ["../../../apps/docs/dist/index.html", "../dist/docs/index.html"].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  );
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

/** Applies the defaults and checks every option; throws a {@link GatewayOptionsError}. */
export function resolveOptions(options: GatewayOptions = {}): ResolvedOptions {
  if (typeof options !== "object" || options === null)
    throw new GatewayOptionsError("options", "pass an object (or nothing)");
  const defaultBalances = balances("defaultBalances", options.defaultBalances ?? DEFAULT_BALANCES);
  const merchants = (options.merchants ?? []).map((merchant, index) =>
    resolveMerchant(merchant, index, defaultBalances),
  );
  const seen = new Set<string>();
  for (const merchant of merchants) {
    if (seen.has(merchant.appId)) throw new GatewayOptionsError("merchants", `appId ${merchant.appId} appears twice`);
    seen.add(merchant.appId);
  }
  return {
    db: text("db", options.db ?? ":memory:", { allowEmpty: false }),
    merchants,
    sandboxMerchant: resolveSandbox(options.sandboxMerchant, defaultBalances),
    defaultBalances,
    publicUrl: publicUrl(options.publicUrl ?? null),
    basePath: basePath(options.basePath ?? "/pg"),
    clockToleranceMs: duration("clockToleranceMs", options.clockToleranceMs ?? 300_000),
    paymentExpiryMs: duration("paymentExpiryMs", options.paymentExpiryMs ?? 1_800_000),
    refundDelayMs: options.refundDelayMs === null ? null : duration("refundDelayMs", options.refundDelayMs ?? 1000),
    payoutDelayMs: options.payoutDelayMs === null ? null : duration("payoutDelayMs", options.payoutDelayMs ?? 1000),
    scenarioDelayMs: duration("scenarioDelayMs", options.scenarioDelayMs ?? 1000),
    sweepIntervalMs:
      options.sweepIntervalMs === null ? null : positive("sweepIntervalMs", options.sweepIntervalMs ?? 1000),
    notifyRetryDelaysMs: (options.notifyRetryDelaysMs ?? DEFAULT_NOTIFY_RETRY_DELAYS_MS).map((delay, index) =>
      duration(`notifyRetryDelaysMs[${index}]`, delay),
    ),
    notifyTimeoutMs: positive("notifyTimeoutMs", options.notifyTimeoutMs ?? 10_000),
    deliverNotifications: flag("deliverNotifications", options.deliverNotifications ?? true),
    notifyFetch: fn("notifyFetch", options.notifyFetch),
    controlToken: controlToken(options.controlToken ?? null),
    logger: options.logger,
    now: fn("now", options.now) ?? Date.now,
    docsPath:
      options.docsPath === null ? null : text("docsPath", options.docsPath ?? defaultDocsPath(), { allowEmpty: false }),
  };
}

function resolveMerchant(
  merchant: MerchantOptions,
  index: number,
  defaults: Readonly<Record<string, bigint>>,
): ResolvedMerchant {
  const name = `merchants[${index}]`;
  if (typeof merchant !== "object" || merchant === null)
    throw new GatewayOptionsError(name, "each merchant is an object { appId, appSecret }");
  return {
    appId: appId(`${name}.appId`, merchant.appId),
    appSecret: secret(`${name}.appSecret`, merchant.appSecret),
    allowedHosts: hosts(`${name}.allowedHosts`, merchant.allowedHosts ?? null),
    operations: operations(`${name}.operations`, merchant.operations ?? null),
    disabled: flag(`${name}.disabled`, merchant.disabled ?? false),
    balances: merchant.balances === undefined ? defaults : balances(`${name}.balances`, merchant.balances),
  };
}

function resolveSandbox(
  option: GatewayOptions["sandboxMerchant"],
  defaults: Readonly<Record<string, bigint>>,
): ResolvedOptions["sandboxMerchant"] {
  if (option === undefined || option === true) return { balances: { ...defaults } };
  if (option === false) return null;
  if (typeof option !== "object" || option === null)
    throw new GatewayOptionsError("sandboxMerchant", "pass true, false or { appId?, appSecret?, balances? }");
  return {
    ...(option.appId !== undefined ? { appId: appId("sandboxMerchant.appId", option.appId) } : {}),
    ...(option.appSecret !== undefined ? { appSecret: secret("sandboxMerchant.appSecret", option.appSecret) } : {}),
    balances: option.balances === undefined ? { ...defaults } : balances("sandboxMerchant.balances", option.balances),
  };
}
