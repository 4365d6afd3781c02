/**
 * `@gatekit/server`: the reference gateway. `createGateway(options)` answers the gateway's V2 API
 * in-process (`gateway.fetch(request)`) or behind any server (`serve({ fetch: gateway.fetch })`
 * from @hono/node-server), with state in SQLite or PostgreSQL, signed responses, the hosted checkout page, signed
 * notifications with retries, and a control API for tests. The CLI `gatekit-gateway` runs it.
 * `certifyIntegration(options)` (the CLI's `gatekit-gateway certify`) runs conformance cases against
 * a merchant's running notification endpoint and return page.
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
export type {
  paths as ControlPaths,
  components as ControlComponents,
  operations as ControlOperations,
} from "./generated/control.js";
export type { Store } from "./storage/store.js";
export { openSqliteStore, type SqliteStore } from "./storage/sqlite/store.js";
export { openPostgresStore, type PostgresStore, type PostgresStoreOptions } from "./storage/postgres/store.js";
export { certifyIntegration } from "./certify/runner.js";
export {
  CASES as CERTIFY_CASES,
  CASE_IDS as CERTIFY_CASE_IDS,
  type CaseId as CertifyCaseId,
  type CertifyCase,
} from "./certify/cases.js";
export {
  type CertifyOptions,
  CertifyOptionsError,
  DEFAULT_GATEWAY_URL as CERTIFY_DEFAULT_GATEWAY_URL,
} from "./certify/options.js";
export {
  type CaseResult as CertifyCaseResult,
  type CertifyReport,
  formatReport as formatCertifyReport,
  reportJson as certifyReportJson,
} from "./certify/report.js";
export { reportJunit as certifyReportJunit } from "./certify/junit.js";
export type { Source as CertifySource } from "./certify/sources.js";
export type { MerchantCredentials as CertifyMerchant } from "./certify/gateway.js";
export { CertifyProblem } from "./certify/transport.js";
