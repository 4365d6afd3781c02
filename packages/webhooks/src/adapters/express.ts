// Express (4 and 5). The handler needs the raw body: mount it with express.raw() on its route,
// or before any JSON parser. Without a body parser it reads the stream itself.

import { answer, answerHeaders, handlerSettings } from "../handler.js";
import type { WebhookHandlerOptions } from "../types.js";
import { verifyNodeRequest, type NodeRequest, type NodeResponse } from "./node.js";

/** Express's `next`. */
export type ExpressNext = (error?: unknown) => void;

/**
 * An Express route handler for notifications: verifies, calls `onNotification`, answers
 * `{"code":"OK"}`; answers 401, 400 or 413 with a small JSON body when verification fails. An
 * error thrown by `onNotification` goes to `next(error)`, so Express's error handling answers 500
 * and the gateway retries.
 *
 * ```ts
 * app.post(
 *   "/gateway/notify",
 *   express.raw({ type: "application/json" }),
 *   expressWebhook({ notifyUrl, appId, appSecret, onNotification }),
 * );
 * ```
 */
export function expressWebhook(
  options: WebhookHandlerOptions,
): (req: NodeRequest, res: NodeResponse, next: ExpressNext) => void {
  const settings = handlerSettings(options);
  return (req, res, next) => {
    // Express 4 ignores a returned promise, so failures are routed to next() here.
    answer(settings, () => verifyNodeRequest(req, settings.options)).then((result) => {
      res.writeHead(result.status, answerHeaders(result));
      res.end(result.body);
    }, next);
  };
}
