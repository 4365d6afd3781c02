/**
 * Verify the gateway's signed notifications, acknowledge them, and read the return redirect.
 * Framework adapters live in subpaths: `@gatekit/webhooks/node`, `/express`, `/fastify`, `/hono`
 * and `/next`.
 * @packageDocumentation
 */
export { ACK, ackResponse, rejectionBody, rejectionResponse } from "./ack.js";
export { DEFAULT_MAX_BODY_BYTES } from "./config.js";
export {
  isWebhookVerificationError,
  WebhookVerificationError,
  type WebhookVerificationReason,
  type WebhookVerificationStatus,
} from "./errors.js";
export { createWebhookHandler } from "./handler.js";
export { MemoryNonceStore, type MemoryNonceStoreOptions, type NonceStore } from "./nonce-store.js";
export { readRequestBody, verifyRequest } from "./request.js";
export {
  confirmReturn,
  formatReturn,
  parseReturn,
  type PaymentQueryClient,
  ReturnParamsError,
  type ReturnInput,
  type ReturnParamsProblem,
} from "./return.js";
export { signNotification, type SignedNotification, type SignNotificationOptions } from "./test-notification.js";
export type {
  Notification,
  NotificationBody,
  NotificationData,
  NotificationDelivery,
  NotificationHeaders,
  NotificationKind,
  RawBody,
  ReadOptions,
  VerifyNotificationOptions,
  WebhookConfig,
  WebhookHandlerOptions,
} from "./types.js";
export { verifyNotification } from "./verify.js";
export { deliveryOf } from "./delivery.js";
