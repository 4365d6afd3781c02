// Next.js route handlers (App Router). A route handler receives a standard Request (NextRequest
// extends it) with the body unread, so the Fetch handler fits as it is. It must run on the Node.js
// runtime or the Edge runtime alike: nothing here needs Node.

import { createWebhookHandler } from "../handler.js";
import type { WebhookHandlerOptions } from "../types.js";

/**
 * A Next.js route handler for notifications, to export as `POST` from `app/…/route.ts`: verifies,
 * calls `onNotification`, answers `{"code":"OK"}`; answers 401, 400 or 413 with a small JSON body
 * when verification fails. An error thrown by `onNotification` is rethrown, so Next.js answers 500
 * and the gateway retries.
 *
 * ```ts
 * // app/gateway/notify/route.ts
 * export const POST = nextRouteHandler({ notifyUrl, appId, appSecret, onNotification });
 * ```
 */
export function nextRouteHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  return createWebhookHandler(options);
}
