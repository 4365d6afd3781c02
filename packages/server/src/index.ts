/**
 * `@gatekit/server`: the reference gateway. `createGateway(options)` answers the gateway's V2 API
 * in-process (`gateway.fetch(request)`) or behind any server (`serve({ fetch: gateway.fetch })`
 * from @hono/node-server), with state in SQLite or PostgreSQL, signed responses, the hosted checkout page, signed
 * notifications with retries, and a control API for tests. The CLI `gatekit-gateway` runs it.
 * @packageDocumentation
 */
export { createGateway, type Gateway, type GatewayMerchant } from "./gateway.js";
export type { TestClock } from "./clock.js";
export type { DeliveryEventListener, DeliveryEventRecord, DeliveryEvents, DeliveryEventType } from "./notify/events.js";
export {
  DEFAULT_BALANCES,
  DEFAULT_NOTIFY_RETRY_DELAYS_MS,
  defaultDocsPath,
  type GatewayOptions,
  GatewayOptionsError,
  type MerchantOptions,
  type ResolvedMerchant,
  type ResolvedOptions,
  resolveOptions,
  type SandboxMerchantOptions,
} from "./options.js";
export { createLogger, type GatewayLogger, type LoggerOption, REDACTED_PATHS } from "./logging.js";
export { MAGIC_AMOUNTS, PAYOUT_FEE_BASIS_POINTS, payoutFee, type SweepResult } from "./domain/index.js";
export type { paths as ControlPaths, components as ControlComponents, operations as ControlOperations } from "./generated/control.js";
export type * from "./storage/store.js";
export { openSqliteStore, type SqliteStore } from "./storage/sqlite/store.js";
export { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from "./storage/postgres/store.js";
