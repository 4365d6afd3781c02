import { newId } from "../../domain/ids.js";
import type { NotificationRepository } from "../notifications.js";
import { newNotification, toAttempt, toNotification } from "../records.js";
import type { Row } from "../rows.js";
import { changes, type Connection, row, rows, statement } from "./sql.js";

const insert = statement(
  "notifications_insert",
  `INSERT INTO notifications (id, app_id, kind, object_no, notify_url, body, status, attempts, next_attempt_at, lease_until, created_at, delivered_at)
   VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7, NULL, $7, NULL)`,
);
// Several instances poll the same outbox. SKIP LOCKED makes each claimer pass over the rows
// another one is claiming at this moment instead of queueing behind it, and the lease (not a lock
// held for the delivery's length) keeps the row theirs afterwards; when an instance dies
// mid-delivery, its lease runs out and another instance claims the row again.
const claim = statement(
  "notifications_claim",
  `UPDATE notifications SET lease_until = $3
   WHERE id IN (
     SELECT id FROM notifications
     WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
     ORDER BY next_attempt_at, id LIMIT $2
     FOR UPDATE SKIP LOCKED
   )
   RETURNING *`,
);
const insertAttempt = statement(
  "notifications_insert_attempt",
  `INSERT INTO delivery_attempts (notification_id, attempt, started_at, duration_ms, http_status, outcome, detail)
   VALUES ($1, $2, $3, $4, $5, $6, $7)
   ON CONFLICT (notification_id, attempt) DO UPDATE SET
     started_at = excluded.started_at, duration_ms = excluded.duration_ms, http_status = excluded.http_status,
     outcome = excluded.outcome, detail = excluded.detail`,
);
const advance = statement(
  "notifications_advance",
  `UPDATE notifications SET status = $2, next_attempt_at = $3, delivered_at = $4, attempts = attempts + 1, lease_until = NULL
   WHERE id = $1`,
);
const get = statement("notifications_get", "SELECT * FROM notifications WHERE id = $1");
const list = statement(
  "notifications_list",
  `SELECT * FROM notifications
   WHERE ($1::text IS NULL OR app_id = $1) AND ($2::text IS NULL OR object_no = $2) AND ($3::text IS NULL OR status = $3)
   ORDER BY created_at DESC, id DESC LIMIT $4`,
);
const attempts = statement("notifications_attempts", "SELECT * FROM delivery_attempts WHERE notification_id = $1 ORDER BY attempt");
const resend = statement(
  "notifications_resend",
  `UPDATE notifications SET status = 'pending', next_attempt_at = $2, lease_until = NULL, delivered_at = NULL WHERE id = $1 RETURNING *`,
);

/** The notification outbox on PostgreSQL. */
export function postgresNotifications(db: Connection): NotificationRepository {
  return {
    async enqueue(input) {
      const id = newId("NTF", input.now);
      await changes(db, insert, [id, input.appId, input.kind, input.objectNo, input.notifyUrl, input.body, input.now]);
      return newNotification(id, input);
    },
    async claimDue({ now, limit, leaseMs }) {
      const claimed = (await rows<Row>(db, claim, [now, limit, now + leaseMs])).map(toNotification);
      // RETURNING gives no order; hand them out oldest due first.
      return claimed.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : 1));
    },
    async recordAttempt(attempt, next) {
      await changes(db, insertAttempt, [
        attempt.notificationId,
        attempt.attempt,
        attempt.startedAt,
        Math.round(attempt.durationMs),
        attempt.httpStatus,
        attempt.outcome,
        attempt.detail,
      ]);
      await changes(db, advance, [attempt.notificationId, next.status, next.nextAttemptAt, next.deliveredAt]);
    },
    async get(id) {
      const found = await row<Row>(db, get, [id]);
      return found ? toNotification(found) : null;
    },
    async list(filter) {
      const found = await rows<Row>(db, list, [filter.appId ?? null, filter.objectNo ?? null, filter.status ?? null, filter.limit ?? 100]);
      return found.map(toNotification);
    },
    async attempts(id) {
      return (await rows<Row>(db, attempts, [id])).map(toAttempt);
    },
    async resend(id, now) {
      const found = await row<Row>(db, resend, [id, now]);
      return found ? toNotification(found) : null;
    },
  };
}
