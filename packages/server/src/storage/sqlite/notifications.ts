import type { Database } from "better-sqlite3";
import { newId } from "../../domain/ids.js";
import type { NotificationRepository } from "../notifications.js";
import { newNotification, toAttempt, toNotification } from "../records.js";
import type { Row } from "../rows.js";

/** The notification outbox on SQLite. */
export function sqliteNotifications(db: Database): NotificationRepository {
  const insert = db.prepare(`
    INSERT INTO notifications (id, app_id, kind, object_no, notify_url, body, status, attempts, next_attempt_at, lease_until, created_at, delivered_at)
    VALUES (@id, @appId, @kind, @objectNo, @notifyUrl, @body, 'pending', 0, @now, NULL, @now, NULL)`);
  // Claiming is one statement, so two claimers (two transactions, or two instances on a database
  // with row locks) can never lease the same row.
  const claim = db.prepare(`
    UPDATE notifications SET lease_until = @leaseUntil
    WHERE id IN (
      SELECT id FROM notifications
      WHERE status = 'pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
      ORDER BY next_attempt_at, id LIMIT @limit
    )
    RETURNING *`);
  const insertAttempt = db.prepare(`
    INSERT INTO delivery_attempts (notification_id, attempt, started_at, duration_ms, http_status, outcome, detail)
    VALUES (@notificationId, @attempt, @startedAt, @durationMs, @httpStatus, @outcome, @detail)
    ON CONFLICT (notification_id, attempt) DO UPDATE SET
      started_at = excluded.started_at, duration_ms = excluded.duration_ms, http_status = excluded.http_status,
      outcome = excluded.outcome, detail = excluded.detail`);
  const advance = db.prepare(`
    UPDATE notifications SET status = @status, next_attempt_at = @nextAttemptAt, delivered_at = @deliveredAt,
      attempts = attempts + 1, lease_until = NULL
    WHERE id = @id`);
  const get = db.prepare("SELECT * FROM notifications WHERE id = ?");
  const list = db.prepare(`
    SELECT * FROM notifications
    WHERE (@appId IS NULL OR app_id = @appId) AND (@objectNo IS NULL OR object_no = @objectNo) AND (@status IS NULL OR status = @status)
    ORDER BY created_at DESC, id DESC LIMIT @limit`);
  const attempts = db.prepare("SELECT * FROM delivery_attempts WHERE notification_id = ? ORDER BY attempt");
  const resend = db.prepare(`
    UPDATE notifications SET status = 'pending', next_attempt_at = @now, lease_until = NULL, delivered_at = NULL
    WHERE id = @id RETURNING *`);

  return {
    async enqueue(input) {
      const id = newId("NTF", input.now);
      insert.run({ id, ...input });
      return newNotification(id, input);
    },
    async claimDue({ now, limit, leaseMs }) {
      const rows = claim.all({ now, limit, leaseUntil: now + leaseMs }) as Row[];
      // RETURNING gives no order; hand them out oldest due first.
      return rows.map(toNotification).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.id < b.id ? -1 : 1));
    },
    async recordAttempt(attempt, next) {
      insertAttempt.run({ ...attempt, durationMs: Math.round(attempt.durationMs) });
      advance.run({ id: attempt.notificationId, ...next });
    },
    async get(id) {
      const row = get.get(id) as Row | undefined;
      return row ? toNotification(row) : null;
    },
    async list(filter) {
      const rows = list.all({
        appId: filter.appId ?? null,
        objectNo: filter.objectNo ?? null,
        status: filter.status ?? null,
        limit: filter.limit ?? 100,
      }) as Row[];
      return rows.map(toNotification);
    },
    async attempts(id) {
      return (attempts.all(id) as Row[]).map(toAttempt);
    },
    async resend(id, now) {
      const row = resend.get({ id, now }) as Row | undefined;
      return row ? toNotification(row) : null;
    },
  };
}
