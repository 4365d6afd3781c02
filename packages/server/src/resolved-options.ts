// What createGateway's options resolve to: every default applied and amounts in minor units.

import type { ApiOperationId } from "@gatekit/types";
import type { LoggerOption } from "./logging.js";

/** The options with defaults applied and amounts in minor units. */
export interface ResolvedOptions {
  readonly db: string;
  readonly merchants: readonly ResolvedMerchant[];
  readonly sandboxMerchant: { appId?: string; appSecret?: string; balances: Record<string, bigint> } | null;
  readonly defaultBalances: Readonly<Record<string, bigint>>;
  readonly publicUrl: string | null;
  readonly basePath: string;
  readonly clockToleranceMs: number;
  readonly paymentExpiryMs: number;
  readonly refundDelayMs: number | null;
  readonly payoutDelayMs: number | null;
  readonly scenarioDelayMs: number;
  readonly sweepIntervalMs: number | null;
  readonly notifyRetryDelaysMs: readonly number[];
  readonly notifyTimeoutMs: number;
  readonly deliverNotifications: boolean;
  readonly notifyFetch: typeof globalThis.fetch | undefined;
  readonly controlToken: string | null;
  readonly logger: LoggerOption | undefined;
  readonly now: () => number;
  readonly docsPath: string | null;
}

/** A configured merchant with its balances in minor units. */
export interface ResolvedMerchant {
  readonly appId: string;
  readonly appSecret: string;
  readonly allowedHosts: readonly string[] | null;
  readonly operations: readonly ApiOperationId[] | null;
  readonly disabled: boolean;
  readonly balances: Readonly<Record<string, bigint>>;
}
