// What the control API needs from the gateway: the routes of each concept take the same parts.

import type { DomainContext } from "../domain/context.js";
import type { MerchantDirectory, MerchantSeeds } from "../domain/merchants.js";
import type { GatewayLogger } from "../logging.js";
import type { Store } from "../storage/store.js";
import type { ClockDeps } from "./clock.js";
import type { EventsDeps } from "./events.js";

/** What the control API needs from the gateway. */
export interface ControlDeps extends ClockDeps, EventsDeps {
  readonly store: Store;
  readonly merchants: MerchantDirectory;
  readonly context: () => DomainContext;
  /** The merchants of the gateway's options, which reset restores. */
  readonly seeds: MerchantSeeds;
  /** The starting balances of a merchant added without its own. */
  readonly defaultBalances: Readonly<Record<string, bigint>>;
  readonly basePath: string;
  readonly publicUrl: string | null;
  readonly controlToken: string | null;
  readonly logger: GatewayLogger;
}
