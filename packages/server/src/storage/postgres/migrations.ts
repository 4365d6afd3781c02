// The PostgreSQL schema, as numbered migrations applied in order and recorded in
// `schema_migrations`, the same way as on SQLite (see ../sqlite/migrations.ts). Never edit a
// released migration: add the next one. Money is BIGINT minor units (the contract's 15+2 digits
// fit), times are BIGINT epoch milliseconds, so both backends hold the same values.

import type { Migration } from "../migration.js";

/** Every PostgreSQL migration, oldest first. */
export const postgresMigrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
      CREATE TABLE merchants (
        app_id TEXT PRIMARY KEY,
        app_secret TEXT NOT NULL,
        allowed_hosts TEXT,
        operations TEXT,
        disabled BOOLEAN NOT NULL DEFAULT FALSE,
        starting_balances TEXT NOT NULL DEFAULT '{}',
        origin TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );

      CREATE TABLE payments (
        payment_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_trade_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        amount BIGINT NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        pay_method_type TEXT NOT NULL,
        payer_name TEXT NOT NULL,
        payer_email TEXT NOT NULL,
        merchant_attach TEXT,
        notify_url TEXT NOT NULL,
        return_url TEXT NOT NULL,
        status TEXT NOT NULL,
        refund_reserved BIGINT NOT NULL DEFAULT 0,
        refunded BIGINT NOT NULL DEFAULT 0,
        rrn TEXT,
        error_code TEXT,
        error_info TEXT,
        checkout_token TEXT NOT NULL,
        scenario TEXT,
        created_at BIGINT NOT NULL,
        paid_at BIGINT,
        expires_at BIGINT NOT NULL,
        due_at BIGINT,
        updated_at BIGINT NOT NULL,
        UNIQUE (app_id, merchant_trade_no)
      );
      CREATE INDEX payments_due ON payments (due_at) WHERE status = 'PENDING';

      CREATE TABLE refunds (
        refund_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_refund_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        payment_no TEXT NOT NULL REFERENCES payments (payment_no),
        amount BIGINT NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        failure_reason TEXT,
        scenario TEXT,
        created_at BIGINT NOT NULL,
        completed_at BIGINT,
        due_at BIGINT,
        updated_at BIGINT NOT NULL,
        UNIQUE (app_id, merchant_refund_no)
      );
      CREATE INDEX refunds_payment ON refunds (payment_no);
      CREATE INDEX refunds_due ON refunds (due_at) WHERE status = 'PENDING';

      CREATE TABLE payouts (
        payout_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_trade_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        amount BIGINT NOT NULL,
        fee BIGINT NOT NULL,
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
        created_at BIGINT NOT NULL,
        paid_at BIGINT,
        due_at BIGINT,
        updated_at BIGINT NOT NULL,
        UNIQUE (app_id, merchant_trade_no)
      );
      CREATE INDEX payouts_due ON payouts (due_at) WHERE status = 'PENDING';

      CREATE TABLE balances (
        app_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        available BIGINT NOT NULL,
        frozen BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (app_id, currency)
      );

      CREATE TABLE nonces (
        app_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
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
        next_attempt_at BIGINT NOT NULL,
        lease_until BIGINT,
        created_at BIGINT NOT NULL,
        delivered_at BIGINT
      );
      CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX notifications_object ON notifications (object_no);
      CREATE INDEX notifications_created ON notifications (created_at);

      CREATE TABLE delivery_attempts (
        notification_id TEXT NOT NULL REFERENCES notifications (id),
        attempt INTEGER NOT NULL,
        started_at BIGINT NOT NULL,
        duration_ms BIGINT NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (notification_id, attempt)
      );
    `,
  },
  {
    // The test clock's offset (POST /__gateway/clock), shared by every instance on the database.
    version: 2,
    name: "test clock",
    sql: `
      CREATE TABLE gateway_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        offset_ms BIGINT NOT NULL
      );
      INSERT INTO gateway_clock (id, offset_ms) VALUES (1, 0);
    `,
  },
];
