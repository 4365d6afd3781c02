// One delivery attempt: sign the stored body afresh, POST it to the notifyUrl, judge the answer.
// Nothing here touches storage, so it is tested against a loopback merchant server.

import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import { isAcknowledgement, NOTIFICATION_ATTEMPT_HEADER, NOTIFICATION_ID_HEADER, readPrefix } from "@gatekit/types";
import type { AttemptOutcome, NotificationRecord } from "../storage/notifications.js";

/** What one attempt needs. */
export interface SendInput {
  /** The notification as stored: its body is sent byte for byte, its notifyUrl is signed as it is. */
  readonly notification: Pick<NotificationRecord, "id" | "appId" | "notifyUrl" | "body">;
  /**
   * Which attempt this is (1 for the first), sent with the notification's id so the merchant can
   * deduplicate. Default 1.
   */
  readonly attempt?: number | undefined;
  readonly appSecret: string;
  /** Sent as `User-Agent`, for example `gatekit-gateway/1.2.3`. */
  readonly userAgent: string;
  /** The whole exchange (connect, send, status and body) must end within this. */
  readonly timeoutMs: number;
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** The clock that dates the attempt (`startedAt`); also the real clock unless `signingNow` is given. */
  readonly now?: (() => number) | undefined;
  /**
   * The real clock, when `now` is a test clock: it timestamps the signature (a merchant checks it
   * against its own real clock) and times the exchange. Default `now`.
   */
  readonly signingNow?: (() => number) | undefined;
}

/** How one attempt went; `detail` never contains a secret or a signature. */
export interface SendResult {
  readonly outcome: AttemptOutcome;
  readonly httpStatus: number | null;
  readonly detail: string;
  readonly startedAt: number;
  readonly durationMs: number;
}

/** The most of a merchant's answer that is read; an acknowledgement is 13 bytes. */
export const MAX_RESPONSE_BYTES = 16 * 1024;
const DETAIL_CHARS = 200;

/**
 * Sends one attempt. Never throws for anything the merchant or the network does: every way it can
 * go wrong is an outcome. Redirects are not followed (a 3xx is `bad_status`), because the content
 * is signed for the notifyUrl the merchant gave, not wherever it points.
 */
export async function sendNotification(input: SendInput): Promise<SendResult> {
  const { notification, appSecret, userAgent, timeoutMs, fetch = globalThis.fetch, now = Date.now } = input;
  const realNow = input.signingNow ?? now;
  const startedAt = now();
  // Timed on the real clock too: a test clock moved mid-attempt must not count as latency.
  const realStart = realNow();
  const timestamp = createTimestamp(realStart);
  const nonce = createNonce();
  const sign = signSync({
    appId: notification.appId,
    appSecret,
    method: "POST",
    url: notification.notifyUrl,
    timestamp,
    nonce,
    body: notification.body,
  });
  const authorization = formatAuthorization({ appId: notification.appId, sign, timestamp, nonce });
  const signal = AbortSignal.timeout(timeoutMs);
  const finish = (outcome: AttemptOutcome, httpStatus: number | null, detail: string): SendResult => ({
    outcome,
    httpStatus,
    // A merchant that echoes the request back must not get the signature or secret into the log.
    detail: redact(detail, [sign, appSecret]),
    startedAt,
    durationMs: Math.max(0, realNow() - realStart),
  });

  let response: Response;
  try {
    response = await fetch(notification.notifyUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": userAgent,
        authorization,
        [NOTIFICATION_ID_HEADER]: notification.id,
        [NOTIFICATION_ATTEMPT_HEADER]: String(input.attempt ?? 1),
      },
      body: notification.body,
      redirect: "manual",
      signal,
    });
  } catch (error) {
    return failure(error, signal, finish);
  }

  let answer: Uint8Array;
  try {
    // An answer past the cap is judged on its start: it is no acknowledgement, only quoted.
    answer = (await readPrefix(response.body, MAX_RESPONSE_BYTES)).bytes;
  } catch (error) {
    return failure(error, signal, finish, response.status);
  }
  const text = quoted.decode(answer);
  if (response.status !== 200)
    return finish("bad_status", response.status, `HTTP ${response.status}${excerpt(text, ": ")}`);
  if (!isAcknowledgement(answer)) {
    return finish("bad_body", 200, `HTTP 200 without the acknowledgement {"code":"OK"}${excerpt(text, ": ")}`);
  }
  return finish("acknowledged", 200, "acknowledged");
}

/** What counts as an acknowledgement, shared with @gatekit/webhooks: see wire/ack.ts in @gatekit/types. */
export { isAcknowledgement };

// Lenient on purpose: the answer is only quoted in the detail, so a broken byte becomes U+FFFD.
const quoted = new TextDecoder();

function failure(
  error: unknown,
  signal: AbortSignal,
  finish: (outcome: AttemptOutcome, httpStatus: number | null, detail: string) => SendResult,
  httpStatus: number | null = null,
): SendResult {
  if (signal.aborted) return finish("timeout", httpStatus, "no complete answer within the timeout");
  return finish("connection_error", httpStatus, describeError(error));
}

/** A short, secret-free description of a network error: its code and message, and its cause's. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === "string" ? `${code}: ${current.message}` : current.message);
    current = (current as { cause?: unknown }).cause;
  }
  if (parts.length === 0) parts.push(String(error));
  return clean(parts.join(" ← ")).slice(0, DETAIL_CHARS);
}

function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  return result;
}

function excerpt(text: string, prefix: string): string {
  const cleaned = clean(text).trim();
  if (cleaned === "") return "";
  return prefix + (cleaned.length > DETAIL_CHARS ? `${cleaned.slice(0, DETAIL_CHARS)}…` : cleaned);
}

// Control characters would garble a log line or a terminal that shows the detail.
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ");
}
