// POST /gateway/notify: the gateway's signed notifications. The Hono adapter verifies the
// signature over the raw body against the notifyUrl the shop sent (from the configuration, never
// from the Host header), refuses replays, and answers {"code":"OK"} once onNotification returns.

import { MemoryNonceStore } from "@gatekit/webhooks";
import { honoWebhook } from "@gatekit/webhooks/hono";
import { Hono } from "hono";
import { shopUrls } from "../config.js";
import type { ShopDeps } from "../shop.js";

/** The notify endpoint. */
export function notifyRoutes({ config, orders, log }: ShopDeps): Hono {
  const { notifyUrl } = shopUrls(config.publicUrl);
  return new Hono().post(
    "/gateway/notify",
    honoWebhook({
      notifyUrl,
      appId: config.appId,
      appSecret: config.appSecret,
      // One process, so memory will do; several processes need a shared one (README, "Before production").
      nonceStore: new MemoryNonceStore(),
      onNotification(notification) {
        const outcome = orders.applyNotification(notification);
        log(`notification ${notification.kind}: ${outcome.result} (${outcome.detail})`);
      },
      onRejected(error) {
        log(`refused a notification with HTTP ${error.status} (${error.reason}): ${error.message}`);
      },
    }),
  );
}
