// The flow every adapter shares: verify, hand the notification over, acknowledge; or refuse with
// the error's status. Only a WebhookVerificationError becomes a refusal: an error thrown by the
// merchant's own handler is passed on, so the framework answers 500 and the gateway retries.

import { ACK, JSON_HEADERS, ackResponse, rejectionBody } from "./ack.js";
import { checkReadOptions } from "./config.js";
import { isWebhookVerificationError, type WebhookVerificationError } from "./errors.js";
import { verifyRequest } from "./request.js";
import type { Notification, WebhookHandlerOptions } from "./types.js";

/** What to answer: a status and a JSON body. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The adapters' settings, checked once when the handler is made. */
export interface HandlerSettings {
  readonly options: WebhookHandlerOptions & { readonly maxBodyBytes: number };
  readonly onNotification: (notification: Notification) => unknown;
  readonly onRejected: (error: WebhookVerificationError) => void;
}

/** Checks an adapter's options at start-up: a TypeError now beats a 401 on every delivery. */
export function handlerSettings(options: WebhookHandlerOptions): HandlerSettings {
  const maxBodyBytes = checkReadOptions(options);
  const { onNotification, onRejected = warn } = options;
  if (typeof onNotification !== "function")
    throw new TypeError("onNotification must be a function that handles a verified notification.");
  return { options: { ...options, maxBodyBytes }, onNotification, onRejected };
}

/**
 * Verifies with `verifying`, hands the result to `onNotification` and answers the
 * acknowledgement; a verification error becomes a refusal. Other errors are thrown.
 */
export async function answer(settings: HandlerSettings, verifying: () => Promise<Notification>): Promise<Answer> {
  let notification: Notification;
  try {
    notification = await verifying();
  } catch (error) {
    if (!isWebhookVerificationError(error)) throw error;
    settings.onRejected(error);
    return { status: error.status, headers: JSON_HEADERS, body: rejectionBody(error) };
  }
  await settings.onNotification(notification);
  return { status: 200, headers: JSON_HEADERS, body: ACK };
}

function warn(error: WebhookVerificationError): void {
  console.warn(`@gatekit/webhooks refused a notification (${error.reason}, HTTP ${error.status}): ${error.message}`);
}

/**
 * A Fetch-style handler `(request) => Promise<Response>` for any runtime that speaks `Request`
 * and `Response`: verifies, calls `onNotification`, answers `{"code":"OK"}`; answers 401, 400 or
 * 413 with a small JSON body when verification fails. An error thrown by `onNotification` is
 * rethrown, so the framework answers 500 and the gateway retries later.
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const settings = handlerSettings(options);
  return async (request) => {
    const result = await answer(settings, () => verifyRequest(request, settings.options));
    return result.status === 200
      ? ackResponse()
      : new Response(result.body, { status: result.status, headers: result.headers });
  };
}

/**
 * The headers of an answer: a 413 (a body over the cap, maybe still streaming in) also closes the
 * connection, so the server does not read the rest of the body to keep the connection alive.
 */
export function answerHeaders(answer: Pick<Answer, "status" | "headers">): Record<string, string> {
  return answer.status === 413 ? { ...answer.headers, connection: "close" } : { ...answer.headers };
}
