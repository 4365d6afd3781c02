// Signed notifications for a merchant's own tests, made exactly as the gateway makes them: the
// envelope as compact JSON, signed over the notifyUrl with a timestamp and nonce, so a test can
// post it to the real endpoint and watch it verify (or, altered, fail).

import { signRequest } from "@gatekit/signature";
import { JSON_HEADERS } from "./ack.js";
import type { NotificationData, RawBody } from "./types.js";

interface SignNotificationBase {
  readonly appId: string;
  readonly appSecret: string;
  /** The URL the notification is signed over: the notifyUrl the endpoint is configured with. */
  readonly notifyUrl: string;
  /** The time to sign at (epoch ms or a Date); defaults to now. */
  readonly now?: number | Date | undefined;
  /** A fixed nonce instead of a fresh random one, for a stable sign. */
  readonly nonce?: string | undefined;
}

/**
 * What {@link signNotification} signs: either `data`, wrapped in the envelope
 * `{"code":"OK","errorMessage":null,"data":…}` as the gateway sends it, or a `body` signed exactly
 * as given, to test what an endpoint does with a body that is not a valid notification.
 */
export type SignNotificationOptions<B extends RawBody = RawBody> = SignNotificationBase &
  ({ readonly data: NotificationData; readonly body?: undefined } | { readonly body: B; readonly data?: undefined });

/** A signed notification: post `body` with `headers` to the notifyUrl. */
export interface SignedNotification<B extends RawBody = string> {
  /** The exact body that was signed (the envelope's JSON when made from `data`): send it unchanged. */
  readonly body: B;
  /** The `Authorization` header value. */
  readonly authorization: string;
  /** `authorization` and `content-type`, ready for `fetch(notifyUrl, { method: "POST", headers, body })`. */
  readonly headers: Readonly<{ authorization: string; "content-type": string }>;
  readonly sign: string;
  readonly timestamp: string;
  readonly nonce: string;
}

/**
 * Builds a correctly signed notification, as the gateway would send it, for tests of your own
 * endpoint. Never use it with production secrets outside a test.
 */
export async function signNotification<B extends RawBody = string>(
  options: SignNotificationOptions<B>,
): Promise<SignedNotification<B>> {
  const { appId, appSecret, notifyUrl, now, nonce } = options;
  const body =
    options.data !== undefined ? JSON.stringify({ code: "OK", errorMessage: null, data: options.data }) : options.body;
  if (typeof body !== "string" && !(body instanceof Uint8Array)) {
    throw new TypeError("signNotification needs data (a notification's data object) or body (a string or Uint8Array).");
  }
  const signed = await signRequest({ appId, appSecret, url: notifyUrl, body, now, nonce });
  return {
    // With `data` the body is the envelope's JSON string; otherwise it is the given body, of type B.
    body: body as B,
    authorization: signed.authorization,
    headers: { authorization: signed.authorization, "content-type": JSON_HEADERS["content-type"] },
    sign: signed.sign,
    timestamp: signed.timestamp,
    nonce: signed.nonce,
  };
}
