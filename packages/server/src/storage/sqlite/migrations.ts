// The schema, as numbered migrations applied in order and recorded in `schema_migrations`, so a
// database made by an older gateway is brought up to date on open. Never edit a released
// migration: add the next one. Money is INTEGER minor units (64-bit: the contract's 15+2 digits
// fit), times are INTEGER epoch milliseconds.

import type { Migration } from "../migration.js";

export type { Migration };

/** Every migration, oldest first. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "initial schema",
    sql: `
      CREATE TABLE merchants (
        app_id TEXT PRIMARY KEY,
        app_secret TEXT NOT NULL,
        allowed_hosts TEXT,
        operations TEXT,
        disabled INTEGER NOT NULL DEFAULT 0,
        starting_balances TEXT NOT NULL DEFAULT '{}',
        origin TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE payments (
        payment_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_trade_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        pay_method_type TEXT NOT NULL,
        payer_name TEXT NOT NULL,
        payer_email TEXT NOT NULL,
        merchant_attach TEXT,
        notify_url TEXT NOT NULL,
        return_url TEXT NOT NULL,
        status TEXT NOT NULL,
        refund_reserved INTEGER NOT NULL DEFAULT 0,
        refunded INTEGER NOT NULL DEFAULT 0,
        rrn TEXT,
        error_code TEXT,
        error_info TEXT,
        checkout_token TEXT NOT NULL,
        scenario TEXT,
        created_at INTEGER NOT NULL,
        paid_at INTEGER,
        expires_at INTEGER NOT NULL,
        due_at INTEGER,
        updated_at INTEGER NOT NULL,
        UNIQUE (app_id, merchant_trade_no)
      );
      CREATE INDEX payments_due ON payments (due_at) WHERE status = 'PENDING';

      CREATE TABLE refunds (
        refund_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_refund_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        payment_no TEXT NOT NULL REFERENCES payments (payment_no),
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        description TEXT NOT NULL,
        status TEXT NOT NULL,
        failure_reason TEXT,
        scenario TEXT,
        created_at INTEGER NOT NULL,
        completed_at INTEGER,
        due_at INTEGER,
        updated_at INTEGER NOT NULL,
        UNIQUE (app_id, merchant_refund_no)
      );
      CREATE INDEX refunds_payment ON refunds (payment_no);
      CREATE INDEX refunds_due ON refunds (due_at) WHERE status = 'PENDING';

      CREATE TABLE payouts (
        payout_no TEXT PRIMARY KEY,
        app_id TEXT NOT NULL,
        merchant_trade_no TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        amount INTEGER NOT NULL,
        fee INTEGER NOT NULL,
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
        created_at INTEGER NOT NULL,
        paid_at INTEGER,
        due_at INTEGER,
        updated_at INTEGER NOT NULL,
        UNIQUE (app_id, merchant_trade_no)
      );
      CREATE INDEX payouts_due ON payouts (due_at) WHERE status = 'PENDING';

      CREATE TABLE balances (
        app_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        available INTEGER NOT NULL,
        frozen INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (app_id, currency)
      );

      CREATE TABLE nonces (
        app_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
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
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      );
      CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX notifications_object ON notifications (object_no);
      CREATE INDEX notifications_created ON notifications (created_at);

      CREATE TABLE delivery_attempts (
        notification_id TEXT NOT NULL REFERENCES notifications (id),
        attempt INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        http_status INTEGER,
        outcome TEXT NOT NULL,
        detail TEXT NOT NULL,
        PRIMARY KEY (notification_id, attempt)
      );
    `,
  },
  {
    // Every request inserts a nonce. As a rowid table, that was three B-trees written per insert
    // (the rows, the primary key's index, the expiry index); WITHOUT ROWID stores the rows in the
    // primary key's B-tree itself, so two. The expiry index stays: the sweep purges by it.
    version: 2,
    name: "nonces without rowid",
    sql: `
      CREATE TABLE nonces_new (
        app_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (app_id, nonce)
      ) WITHOUT ROWID;
      INSERT INTO nonces_new (app_id, nonce, expires_at) SELECT app_id, nonce, expires_at FROM nonces;
      DROP TABLE nonces;
      ALTER TABLE nonces_new RENAME TO nonces;
      CREATE INDEX nonces_expiry ON nonces (expires_at);
    `,
  },
  {
    // The test clock's offset (POST /__gateway/clock): one row, so every connection and process
    // on the database shares one notion of now. Reset does not touch it.
    version: 3,
    name: "test clock",
    sql: `
      CREATE TABLE gateway_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        offset_ms INTEGER NOT NULL
      );
      INSERT INTO gateway_clock (id, offset_ms) VALUES (1, 0);
    `,
  },
];
