// The one gateway client of the shop. It holds the app secret, so it lives on the server only;
// it signs every request, checks every response's signature and retries what is safe to retry.

import { createGatewayClient, type GatewayClient } from "@gatekit/client";
import type { ShopConfig } from "./config.js";

/** Creates the shop's gateway client from its configuration. */
export function connectGateway(config: Pick<ShopConfig, "gatewayBaseUrl" | "appId" | "appSecret">): GatewayClient {
  return createGatewayClient({
    baseUrl: config.gatewayBaseUrl,
    appId: config.appId,
    appSecret: config.appSecret,
    // Plain http is for a gateway on this machine only (the reference gateway of `npm start`);
    // the client refuses http to any other host even with this set.
    allowInsecureLoopback: new URL(config.gatewayBaseUrl).protocol === "http:",
    appInfo: { name: "gatekit-demo-merchant", version: "0.0.0" },
    // A payer is waiting on the other side of most calls: fail within seconds, not half a minute.
    timeoutMs: 10_000,
  });
}
