// The tables, written once for both backends: their DDL differs only in the type of 64-bit
// integers (money in minor units, epoch-ms times) and of booleans. Each backend numbers these
// steps in its own migrations.ts, and a released step's SQL must not change: add a new step.

/** The column types a backend's DDL uses where the two differ. */
export interface SchemaTypes {
  /** A 64-bit integer: money in minor units (the contract's 15+2 digits fit), epoch-ms times. */
  readonly bigint: string;
  /** A boolean that is false unless set, with its NOT NULL and DEFAULT. */
  readonly boolean: string;
}

/** The first schema: every table but the test clock. */
export function initialSchema(t: SchemaTypes): string {
  return `
      CREATE TABLE merchants (
        app_id TEXT PRIMARY KEY,
        app_secret TEXT NOT NULL,
        allowed_hosts TEXT,
        operations TEXT,
        disabled ${t.boolean},
        starting_balances TEXT NOT NULL DEFAULT '{}',
        origin TEXT NOT NULL,
        created_at ${t.bigint} NOT NULL
      );

      CREATE TABLE payments (
        payment_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_trade_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        amount ${t.bigint} NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        pay_method_type TEXT NOT NULL,
        payer_name TEXT NOT NULL,
        payer_email TEXT NOT NULL,
        merchant_attach TEXT,
        notify_url TEXT NOT NULL,
        return_url TEXT NOT NULL,
        status TEXT NOT NULL,
        refund_reserved ${t.bigint} NOT NULL DEFAULT 0,
        refunded ${t.bigint} NOT NULL DEFAULT 0,
        rrn TEXT,
        error_code TEXT,
        error_info TEXT,
        checkout_token TEXT NOT NULL,
        scenario TEXT,
        created_at ${t.bigint} NOT NULL,
        paid_at ${t.bigint},
        expires_at ${t.bigint} NOT NULL,
        due_at ${t.bigint},
        updated_at ${t.bigint} NOT NULL,
        UNIQUE (app_id, merchant_trade_no)
      );
      CREATE INDEX payments_due ON payments (due_at) WHERE status = 'PENDING';

      CREATE TABLE refunds (
        refund_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_refund_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        payment_no TEXT NOT NULL REFERENCES payments (payment_no),
        amount ${t.bigint} NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        failure_reason TEXT,
        scenario TEXT,
        created_at ${t.bigint} NOT NULL,
        completed_at ${t.bigint},
        due_at ${t.bigint},
        updated_at ${t.bigint} NOT NULL,
        UNIQUE (app_id, merchant_refund_no)
      );
      CREATE INDEX refunds_payment ON refunds (payment_no);
      CREATE INDEX refunds_due ON refunds (due_at) WHERE status = 'PENDING';

      CREATE TABLE payouts (
        payout_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_trade_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        amount ${t.bigint} NOT NULL,
        fee ${t.bigint} NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        payout_method_type TEXT NOT NULL,
        merchant_attach TEXT,
        notify_url TEXT NOT NULL,
        status TEXT NOT NULL,
        rrn TEXT,
        error_code TEXT,
        error_info TEXT,
        scenario TEXT,
        created_at ${t.bigint} NOT NULL,
        paid_at ${t.bigint},
        due_at ${t.bigint},
        updated_at ${t.bigint} NOT NULL,
        UNIQUE (app_id, merchant_trade_no)
      );
      CREATE INDEX payouts_due ON payouts (due_at) WHERE status = 'PENDING';

      CREATE TABLE balances (
        app_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        available ${t.bigint} NOT NULL,
        frozen ${t.bigint} NOT NULL,
        updated_at ${t.bigint} NOT NULL,
        PRIMARY KEY (app_id, currency)
      );

      CREATE TABLE nonces (
        app_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at ${t.bigint} NOT NULL,
        PRIMARY KEY (app_id, nonce)
      );
      CREATE INDEX nonces_expiry ON nonces (expires_at);

      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        object_no TEXT NOT NULL,
        notify_url TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at ${t.bigint} NOT NULL,
        lease_until ${t.bigint},
        created_at ${t.bigint} NOT NULL,
        delivered_at ${t.bigint}
      );
      CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX notifications_object ON notifications (object_no);
      CREATE INDEX notifications_created ON notifications (created_at);

      CREATE TABLE delivery_attempts (
        notification_id TEXT NOT NULL REFERENCES notifications (id),
        attempt INTEGER NOT NULL,
        started_at ${t.bigint} NOT NULL,
        duration_ms ${t.bigint} NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (notification_id, attempt)
      );
    `;
}

/** The test clock's offset (POST /__gateway/clock): one row, shared by every connection and instance. */
export function testClockSchema(t: SchemaTypes): string {
  return `
      CREATE TABLE gateway_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        offset_ms ${t.bigint} NOT NULL
      );
      INSERT INTO gateway_clock (id, offset_ms) VALUES (1, 0);
    `;
}
