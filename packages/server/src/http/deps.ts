// What the HTTP layer needs from the gateway.

import type { DomainContext } from "../domain/context.js";
import type { MerchantDirectory } from "../domain/merchants.js";
import type { GatewayLogger } from "../logging.js";
import type { Store } from "../storage/store.js";

/** The gateway's parts the HTTP layer uses. */
export interface HttpDeps {
  /** Where the public operations live, such as `/pg`. */
  readonly basePath: string;
  /**
   * The gateway's public URL (origin, with a path prefix when a proxy adds one), or null to use each
   * request's own URL.
   */
  readonly publicUrl: string | null;
  readonly clockToleranceMs: number;
  readonly now: () => number;
  readonly logger: GatewayLogger;
  readonly store: Store;
  readonly merchants: MerchantDirectory;
  /** A domain context at the current time. */
  readonly context: () => DomainContext;
}
