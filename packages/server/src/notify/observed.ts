// The store, observed for the delivery event stream: while a stream listens, the outbox calls
// that change a notification (enqueue from the domain, recordAttempt from the worker, resend from
// the control API) also read the notification and its attempts in the same transaction, and the
// events are published once that transaction has committed, so a stream never reports work that
// was rolled back, and a transaction run again reports once. With no listener it costs nothing.

import type { NotificationRepository } from "../storage/notifications.js";
import type { Store, Tx } from "../storage/store.js";
import type { DeliveryEventRecord, DeliveryEvents } from "./events.js";

type Pending = Omit<DeliveryEventRecord, "id">[];

/** `store`, with its outbox changes published to `events`. */
export function observeOutbox(store: Store, events: DeliveryEvents): Store {
  return {
    async transaction(fn) {
      if (events.listeners === 0) return store.transaction(fn);
      let pending: Pending = [];
      const value = await store.transaction((tx) => {
        // A transaction that is run again starts over: only the committed run's events count.
        pending = [];
        return fn(observed(tx, pending));
      });
      for (const event of pending) events.publish(event);
      return value;
    },
    close: () => store.close(),
    ...(store.watchMerchants ? { watchMerchants: store.watchMerchants.bind(store) } : {}),
  };
}

function observed(tx: Tx, pending: Pending): Tx {
  const inner = tx.notifications;
  const notifications: NotificationRepository = {
    ...inner,
    async enqueue(input) {
      const notification = await inner.enqueue(input);
      pending.push({ type: "enqueued", notification, attemptLog: [], attempt: null });
      return notification;
    },
    async recordAttempt(attempt, next) {
      await inner.recordAttempt(attempt, next);
      const notification = await inner.get(attempt.notificationId);
      if (notification)
        pending.push({ type: "attempt", notification, attemptLog: await inner.attempts(notification.id), attempt });
    },
    async resend(id, now) {
      const notification = await inner.resend(id, now);
      if (notification)
        pending.push({ type: "resent", notification, attemptLog: await inner.attempts(id), attempt: null });
      return notification;
    },
  };
  return { ...tx, notifications };
}
