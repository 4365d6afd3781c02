// The in-process bus of delivery events behind GET /__gateway/events: what happens to the
// outbox's notifications (enqueued, attempted, resent), published after the transaction that did
// it commits (see observed.ts). Per process: with several instances on one database, a stream
// hears only what its own instance did (documented in spec/control.yaml and the README).

import type { DeliveryAttempt, NotificationRecord } from "../storage/notifications.js";

/** What happened to a notification. */
export type DeliveryEventType = "enqueued" | "attempt" | "resent";

/** One event, with the notification as it stands after it. */
export interface DeliveryEventRecord {
  /** Increases by one per event, across the whole process. */
  readonly id: number;
  readonly type: DeliveryEventType;
  readonly notification: NotificationRecord;
  /** Every attempt so far, oldest first. */
  readonly attemptLog: readonly DeliveryAttempt[];
  /** The attempt, for `attempt` events. */
  readonly attempt: DeliveryAttempt | null;
}

/** A listener, called synchronously for each event; it must not throw. */
export type DeliveryEventListener = (event: DeliveryEventRecord) => void;

/** The bus. */
export interface DeliveryEvents {
  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: DeliveryEventListener): () => void;
  /** Numbers the event and hands it to every listener. Nothing is kept when nobody listens. */
  publish(event: Omit<DeliveryEventRecord, "id">): void;
  /** How many listeners there are: when none, the outbox is not observed at all. */
  readonly listeners: number;
  /** Ends the bus: `onClose` callbacks run (streams end) and later subscriptions are told at once. */
  close(): void;
  /** Calls `callback` when the bus closes (at once when it is closed); returns the function that removes it. */
  onClose(callback: () => void): () => void;
  readonly closed: boolean;
}

/** A new, open bus. */
export function createDeliveryEvents(): DeliveryEvents {
  const listeners = new Set<DeliveryEventListener>();
  const closers = new Set<() => void>();
  let lastId = 0;
  let closed = false;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event) {
      if (listeners.size === 0) return;
      const numbered = { ...event, id: ++lastId };
      for (const listener of listeners) listener(numbered);
    },
    get listeners() {
      return listeners.size;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const callback of closers) callback();
      closers.clear();
    },
    onClose(callback) {
      if (closed) {
        callback();
        return () => undefined;
      }
      closers.add(callback);
      return () => closers.delete(callback);
    },
    get closed() {
      return closed;
    },
  };
}
