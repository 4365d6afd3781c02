// The delivery headers of a notification (spec/openapi.yaml, webhooks: Gatekit-Notification-Id
// and Gatekit-Notification-Attempt). They are not signed: anyone who can reach the endpoint can
// set them, so they are hints for deduplication and logs, never a reason to act or to skip the
// signature check.

import { NOTIFICATION_ATTEMPT_HEADER, NOTIFICATION_ID_HEADER } from "@gatekit/types";
import type { NotificationDelivery, NotificationHeaders } from "./types.js";

const ID_HEADER = NOTIFICATION_ID_HEADER.toLowerCase();
const ATTEMPT_HEADER = NOTIFICATION_ATTEMPT_HEADER.toLowerCase();
// Printable ASCII, as the gateway's ids are: anything else is not worth a log line.
const ID = /^[\x21-\x7e]{1,64}$/;
const ATTEMPT = /^[1-9]\d{0,8}$/;

/** The notification's id and attempt number from its headers, or null when either is absent or malformed. */
export function deliveryOf(headers: NotificationHeaders | undefined): NotificationDelivery | null {
  if (headers === undefined) return null;
  const id = headerValue(headers, ID_HEADER);
  const attempt = headerValue(headers, ATTEMPT_HEADER);
  if (id === undefined || attempt === undefined || !ID.test(id) || !ATTEMPT.test(attempt)) return null;
  return { id, attempt: Number(attempt) };
}

function headerValue(headers: NotificationHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  // Node lowercases header names; a plain object from elsewhere may not have.
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  // Repeated, the header is ambiguous: trust none of it.
  return typeof value === "string" ? value.trim() : undefined;
}
