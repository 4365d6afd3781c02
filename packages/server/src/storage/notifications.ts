// The durable outbox of notifications, as the rest of the gateway sees it. Domain code enqueues a
// notification in the same transaction as the state change it reports; the delivery worker
// claims due rows under a lease, so a worker that dies mid-delivery loses nothing: its lease
// expires and the row is claimed again.

import type { NotificationKind } from "@gatekit/types";
import { columns } from "./columns.js";
import { num, numOrNull, text } from "./rows.js";
import { type Driver, first, parameters, statement } from "./sql.js";

/** `pending` until acknowledged (`delivered`) or out of attempts (`failed`). */
export type NotificationStatus = "pending" | "delivered" | "failed";

/** One notification: the same body on every attempt, freshly signed each time. */
export interface NotificationRecord {
  /** Gateway id, such as `NTF20261127105044000001`. */
  id: string;
  appId: string;
  kind: NotificationKind;
  /** The paymentNo, refundNo or payoutNo reported on. */
  objectNo: string;
  /** The notifyUrl exactly as the merchant sent it; also the URL that is signed. */
  notifyUrl: string;
  /** The exact JSON body, the envelope `{"code":"OK","errorMessage":null,"data":{...}}`. */
  body: string;
  status: NotificationStatus;
  /** Attempts made so far. */
  attempts: number;
  /** Epoch ms of the next attempt while pending. */
  nextAttemptAt: number;
  /** Epoch ms until which a worker holds the row; null when free. */
  leaseUntil: number | null;
  createdAt: number;
  deliveredAt: number | null;
}

/** How one delivery attempt ended. */
export type AttemptOutcome = "acknowledged" | "bad_status" | "bad_body" | "timeout" | "connection_error";

/** One delivery attempt, kept for inspection through the control API. */
export interface DeliveryAttempt {
  notificationId: string;
  /** 1 for the first attempt. */
  attempt: number;
  startedAt: number;
  durationMs: number;
  /** The merchant's HTTP status, or null when no response arrived. */
  httpStatus: number | null;
  outcome: AttemptOutcome;
  /** A short, secret-free description: the start of the response body or the network error. */
  detail: string;
}

/** What enqueueing a notification needs: the id (minted by the domain, like every gateway id) and what it reports. */
export interface NewNotification {
  readonly id: string;
  readonly appId: string;
  readonly kind: NotificationKind;
  readonly objectNo: string;
  readonly notifyUrl: string;
  readonly body: string;
  readonly now: number;
}

/** The outbox's storage operations. Every method runs inside the caller's transaction. */
export interface NotificationRepository {
  /** Adds a pending notification due at `now`, under the gateway id the caller minted. */
  enqueue(input: NewNotification): Promise<NotificationRecord>;
  /**
   * Claims up to `limit` pending notifications due at `now` whose lease is free or expired,
   * leasing them until `now + leaseMs`. Two concurrent claimers never get the same row.
   */
  claimDue(input: { now: number; limit: number; leaseMs: number }): Promise<NotificationRecord[]>;
  /**
   * Records an attempt and moves the notification on: `delivered`, `failed`, or `pending` again
   * at `nextAttemptAt`. Increments `attempts` and frees the lease.
   */
  recordAttempt(
    attempt: DeliveryAttempt,
    next: { status: NotificationStatus; nextAttemptAt: number; deliveredAt: number | null },
  ): Promise<void>;
  get(id: string): Promise<NotificationRecord | null>;
  list(filter: {
    appId?: string;
    objectNo?: string;
    status?: NotificationStatus;
    limit?: number;
  }): Promise<NotificationRecord[]>;
  attempts(id: string): Promise<DeliveryAttempt[]>;
  /** Makes a notification pending and due at `now` again (delivered or failed ones too). */
  resend(id: string, now: number): Promise<NotificationRecord | null>;
}

const NOTIFICATION = columns<NotificationRecord>({
  id: text,
  appId: text,
  kind: text<NotificationKind>,
  objectNo: text,
  notifyUrl: text,
  body: text,
  status: text<NotificationStatus>,
  attempts: num,
  nextAttemptAt: num,
  leaseUntil: numOrNull,
  createdAt: num,
  deliveredAt: numOrNull,
});

const ATTEMPT = columns<DeliveryAttempt>({
  notificationId: text,
  attempt: num,
  startedAt: num,
  durationMs: num,
  httpStatus: numOrNull,
  outcome: text<AttemptOutcome>,
  detail: text,
});

const insert = statement(
  "notifications_insert",
  `INSERT INTO notifications (${NOTIFICATION.list}) VALUES (${parameters(NOTIFICATION.count)})`,
);
// Claiming is one statement, so two claimers can never lease the same row. Where several
// instances poll the same outbox (PostgreSQL), SKIP LOCKED makes each claimer pass over the rows
// another one is claiming at this moment instead of queueing behind it, and the lease (not a lock
// held for the delivery's length) keeps the row theirs afterwards.
const claim = statement(
  "notifications_claim",
  (d) => `UPDATE notifications SET lease_until = $3
   WHERE id IN (
     SELECT id FROM notifications
     WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
     ORDER BY next_attempt_at, id LIMIT $2
     ${d.skipLocked}
   )
   RETURNING ${NOTIFICATION.list}`,
);
const insertAttempt = statement(
  "notifications_insert_attempt",
  `INSERT INTO delivery_attempts (${ATTEMPT.list}) VALUES (${parameters(ATTEMPT.count)})
   ON CONFLICT (notification_id, attempt) DO UPDATE SET
     started_at = excluded.started_at, duration_ms = excluded.duration_ms, http_status = excluded.http_status,
     outcome = excluded.outcome, detail = excluded.detail`,
);
const advance = statement(
  "notifications_advance",
  `UPDATE notifications SET status = $2, next_attempt_at = $3, delivered_at = $4, attempts = attempts + 1,
     lease_until = NULL
   WHERE id = $1`,
);
const get = statement("notifications_get", `SELECT ${NOTIFICATION.list} FROM notifications WHERE id = $1`);
const list = statement(
  "notifications_list",
  `SELECT ${NOTIFICATION.list} FROM notifications
   WHERE (CAST($1 AS TEXT) IS NULL OR app_id = $1) AND (CAST($2 AS TEXT) IS NULL OR object_no = $2)
     AND (CAST($3 AS TEXT) IS NULL OR status = $3)
   ORDER BY created_at DESC, id DESC LIMIT $4`,
);
const attempts = statement(
  "notifications_attempts",
  `SELECT ${ATTEMPT.list} FROM delivery_attempts WHERE notification_id = $1 ORDER BY attempt`,
);
const resend = statement(
  "notifications_resend",
  `UPDATE notifications SET status = 'pending', next_attempt_at = $2, lease_until = NULL, delivered_at = NULL
   WHERE id = $1 RETURNING ${NOTIFICATION.list}`,
);

/** The notification outbox on the connection `db`. */
export function notificationRepository(db: Driver): NotificationRepository {
  return {
    async enqueue(input) {
      const notification = newNotification(input);
      await db.run(insert, NOTIFICATION.values(notification));
      return notification;
    },
    async claimDue({ now, limit, leaseMs }) {
      const claimed = (await db.rows(claim, [now, limit, now + leaseMs])).map(NOTIFICATION.read);
      // RETURNING gives no order; hand them out oldest due first.
      return claimed.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : 1));
    },
    async recordAttempt(attempt, next) {
      await db.run(insertAttempt, ATTEMPT.values({ ...attempt, durationMs: Math.round(attempt.durationMs) }));
      await db.run(advance, [attempt.notificationId, next.status, next.nextAttemptAt, next.deliveredAt]);
    },
    async get(id) {
      const found = await first(db, get, [id]);
      return found ? NOTIFICATION.read(found) : null;
    },
    async list(filter) {
      const values = [filter.appId ?? null, filter.objectNo ?? null, filter.status ?? null, filter.limit ?? 100];
      return (await db.rows(list, values)).map(NOTIFICATION.read);
    },
    async attempts(id) {
      return (await db.rows(attempts, [id])).map(ATTEMPT.read);
    },
    async resend(id, now) {
      const found = await first(db, resend, [id, now]);
      return found ? NOTIFICATION.read(found) : null;
    },
  };
}

/** The record of a notification just enqueued: pending, due at once, not yet tried. */
export function newNotification({
  id,
  appId,
  kind,
  objectNo,
  notifyUrl,
  body,
  now,
}: NewNotification): NotificationRecord {
  return {
    id,
    appId,
    kind,
    objectNo,
    notifyUrl,
    body,
    status: "pending",
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    createdAt: now,
    deliveredAt: null,
  };
}
