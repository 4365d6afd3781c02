// The control API's notifications: the ones the gateway sent or will send, each with its delivery
// attempts, and a resend of one (which keeps its id and body and is delivered afresh).

import type { DeliveryAttempt, NotificationRecord, NotificationStatus } from "../storage/notifications.js";
import type { Store } from "../storage/store.js";
import type { DomainContext } from "./context.js";

/** A notification with every delivery attempt made so far, oldest first. */
export interface LoggedNotification {
  readonly notification: NotificationRecord;
  readonly attempts: DeliveryAttempt[];
}

/** Which notifications to list; each field left out matches every notification. */
export interface NotificationFilter {
  readonly appId?: string;
  readonly objectNo?: string;
  readonly status?: NotificationStatus;
  readonly limit: number;
}

/** The notifications that match the filter, with their attempts. */
export function listNotifications(store: Store, filter: NotificationFilter): Promise<LoggedNotification[]> {
  return store.transaction(async (tx) => {
    const logged: LoggedNotification[] = [];
    // One query at a time: a transaction is one database connection.
    for (const notification of await tx.notifications.list(filter)) {
      logged.push({ notification, attempts: await tx.notifications.attempts(notification.id) });
    }
    return logged;
  });
}

/** The notification with this id and its attempts; null when there is none. */
export function findNotification(store: Store, id: string): Promise<LoggedNotification | null> {
  return store.transaction(async (tx) => {
    const notification = await tx.notifications.get(id);
    return notification && { notification, attempts: await tx.notifications.attempts(id) };
  });
}

/**
 * Queues the notification for delivery again now, and wakes the delivery worker; null when there
 * is no notification with this id.
 */
export async function resendNotification(
  store: Store,
  ctx: DomainContext,
  id: string,
): Promise<LoggedNotification | null> {
  const logged = await store.transaction(async (tx) => {
    const notification = await tx.notifications.resend(id, ctx.now);
    return notification && { notification, attempts: await tx.notifications.attempts(id) };
  });
  // After the commit, so the worker finds the notification due when it looks.
  if (logged) ctx.notified?.();
  return logged;
}
