// Hono: any runtime it runs on (Node through @hono/node-server, Bun, Deno, Workers). The handler
// reads c.req.raw, the standard Request, so it must run before anything that consumes the body
// (c.req.json(), a validator); it says so if that happened.

import { answer, handlerSettings } from "../handler.js";
import { verifyRequest } from "../request.js";
import type { WebhookHandlerOptions } from "../types.js";

/** What is used of Hono's `Context`. */
export interface HonoContextLike {
  readonly req: { readonly raw: Request };
}

/**
 * A Hono handler for notifications: verifies, calls `onNotification`, answers `{"code":"OK"}`;
 * answers 401, 400 or 413 with a small JSON body when verification fails. An error thrown by
 * `onNotification` is rethrown to Hono (`app.onError`, 500 by default) and the gateway retries.
 *
 * ```ts
 * app.post("/gateway/notify", honoWebhook({ notifyUrl, appId, appSecret, onNotification }));
 * ```
 */
export function honoWebhook(options: WebhookHandlerOptions): (c: HonoContextLike) => Promise<Response> {
  const settings = handlerSettings(options);
  return async (c) => {
    const result = await answer(settings, () => verifyRequest(c.req.raw, settings.options));
    return new Response(result.body, { status: result.status, headers: result.headers });
  };
}
