// What the shop's parts share: the dependencies every route works with and the currency the shop
// trades in. The app and each route module import it, so no route reaches back up to the app.

import type { GatewayClient } from "@gatekit/client";
import type { ResolvedShopConfig } from "./config.js";
import type { OrderStore } from "./orders.js";

/** What the shop's routes work with. */
export interface ShopDeps {
  readonly config: ResolvedShopConfig;
  readonly orders: OrderStore;
  readonly gateway: GatewayClient;
  /** Where the shop's log lines go. They never hold the app secret or a payer's details. */
  readonly log: (line: string) => void;
}

/** The currency the shop sells and pays out in. */
export const SHOP_CURRENCY = "INR";
