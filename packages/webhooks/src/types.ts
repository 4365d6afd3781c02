import type { NotificationKind, webhooks } from "@gatekit/types";
import type { WebhookVerificationError } from "./errors.js";
import type { NonceStore } from "./nonce-store.js";

// Defined once with the contract, and still exported from this entry, as it always was.
export type { NotificationKind } from "@gatekit/types";

/** The whole body of a notification of kind `K`, as the contract's `webhooks` define it. */
export type NotificationBody<K extends NotificationKind = NotificationKind> = {
  [P in K]: webhooks[`${P}Notification`]["post"]["requestBody"]["content"]["application/json"];
}[K];

/**
 * `data` of a notification of kind `K`: the payment/query fields for a payment, the refund fields
 * plus `status` for a refund, the payout/query fields for a payout.
 */
export type NotificationData<K extends NotificationKind = NotificationKind> = {
  [P in K]: NotificationBody<P>["data"];
}[K];

/**
 * Which delivery of which notification this is, from the `Gatekit-Notification-Id` and
 * `Gatekit-Notification-Attempt` headers. These headers are NOT signed: anyone who can reach the
 * endpoint can set them. Use them only as deduplication and logging hints (skip work already done
 * for this id); never act on them, and never let them decide anything the signed body does not.
 */
export interface NotificationDelivery {
  /** The notification's id: the same on every retry and resend of it. */
  readonly id: string;
  /** 1 for the first attempt, then 2, 3, … */
  readonly attempt: number;
}

/** A request's headers: a Fetch `Headers`, or Node's `req.headers` object. */
export type NotificationHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * A verified notification. Switch on `kind` to get the typed `data`. `timestamp` (epoch ms) and
 * `nonce` are the ones it was signed with; every delivery attempt has new ones, so they identify
 * the attempt, not the event: deduplicate events by the object's id and status, or use the
 * (unsigned) `delivery` id as a hint. `delivery` is null when the headers were not given or do
 * not carry it.
 */
export type Notification<K extends NotificationKind = NotificationKind> = {
  [P in K]: {
    readonly kind: P;
    readonly data: NotificationData<P>;
    readonly timestamp: number;
    readonly nonce: string;
    readonly delivery: NotificationDelivery | null;
  };
}[K];

/** A raw body: exactly the bytes received, or their text. A parsed object cannot be verified. */
export type RawBody = string | Uint8Array;

/** The settings that identify the merchant and the endpoint: the same for every notification. */
export interface WebhookConfig {
  /**
   * The notifyUrl exactly as it was sent in payment/create or payout/create: the gateway signs
   * this string, not the URL the request reached (proxies and load balancers change scheme, host
   * and port). Take it from configuration, never from the request's Host header.
   */
  readonly notifyUrl: string;
  /** The merchant's appId; a notification signed for another appId is refused. */
  readonly appId: string;
  /**
   * The appSecret, or several during a key rotation: a notification passes when any one of them
   * matches. Used exactly as given (a secret read from a file often ends with a newline).
   */
  readonly appSecret: string | readonly string[];
  /** How far a notification's timestamp may be from the clock, either way. Default 300 000 (5 min). */
  readonly toleranceMs?: number | undefined;
  /** Remembers nonces so that a replayed notification is refused; see {@link NonceStore}. */
  readonly nonceStore?: NonceStore | undefined;
}

/** What {@link verifyNotification} needs: the configuration plus one received notification. */
export interface VerifyNotificationOptions extends WebhookConfig {
  /** The raw body exactly as received: a string or the bytes (Buffer, Uint8Array). */
  readonly body: RawBody;
  /** The `Authorization` header's value as received. */
  readonly authorization: string | null | undefined;
  /**
   * The request's headers, to read the unsigned delivery id and attempt from (see
   * {@link NotificationDelivery}); without them `delivery` is null. Nothing else is read from them.
   */
  readonly headers?: NotificationHeaders | undefined;
  /** The receiver's clock (epoch ms or a Date); defaults to now. Tests pin it. */
  readonly now?: number | Date | undefined;
}

/** {@link WebhookConfig} plus a cap on the body read from a request. */
export interface ReadOptions extends WebhookConfig {
  /**
   * The largest body accepted, in bytes; larger ones are refused with `invalid_body` and status 413
   * before they are read in full. Default 1 MiB, the gateway's own limit on request bodies.
   */
  readonly maxBodyBytes?: number | undefined;
  /** The receiver's clock (epoch ms or a Date); defaults to now. */
  readonly now?: number | Date | undefined;
}

/** What every adapter takes: the configuration and what to do with a verified notification. */
export interface WebhookHandlerOptions extends WebhookConfig {
  /**
   * Called once per verified notification. Resolve to acknowledge it (HTTP 200 with `{"code":"OK"}`);
   * throw to make the gateway retry it later. Deliveries can repeat and arrive out of order: make
   * this idempotent and never move an object out of a terminal status.
   */
  readonly onNotification: (notification: Notification) => unknown;
  /**
   * Called with every refused notification, before the error response is sent. Defaults to a
   * `console.warn` of the message (which never contains a secret); pass a function to log
   * elsewhere or to stay quiet.
   */
  readonly onRejected?: ((error: WebhookVerificationError) => void) | undefined;
  /** See {@link ReadOptions.maxBodyBytes}. */
  readonly maxBodyBytes?: number | undefined;
}
