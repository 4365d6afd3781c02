// The durable outbox of notifications, as the rest of the gateway sees it. Domain code enqueues a
// notification in the same transaction as the state change it reports; the delivery worker
// claims due rows under a lease, so a worker that dies mid-delivery loses nothing: its lease
// expires and the row is claimed again.

/** Which object a notification reports on. */
export type NotificationKind = "payment" | "refund" | "payout";

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

/** The outbox's storage operations. Every method runs inside the caller's transaction. */
export interface NotificationRepository {
  /** Adds a pending notification due at `now`. */
  enqueue(input: { appId: string; kind: NotificationKind; objectNo: string; notifyUrl: string; body: string; now: number }): Promise<NotificationRecord>;
  /**
   * Claims up to `limit` pending notifications due at `now` whose lease is free or expired,
   * leasing them until `now + leaseMs`. Two concurrent claimers never get the same row.
   */
  claimDue(input: { now: number; limit: number; leaseMs: number }): Promise<NotificationRecord[]>;
  /**
   * Records an attempt and moves the notification on: `delivered`, `failed`, or `pending` again
   * at `nextAttemptAt`. Increments `attempts` and frees the lease.
   */
  recordAttempt(attempt: DeliveryAttempt, next: { status: NotificationStatus; nextAttemptAt: number; deliveredAt: number | null }): Promise<void>;
  get(id: string): Promise<NotificationRecord | null>;
  list(filter: { appId?: string; objectNo?: string; status?: NotificationStatus; limit?: number }): Promise<NotificationRecord[]>;
  attempts(id: string): Promise<DeliveryAttempt[]>;
  /** Makes a notification pending and due at `now` again (delivered or failed ones too). */
  resend(id: string, now: number): Promise<NotificationRecord | null>;
}
