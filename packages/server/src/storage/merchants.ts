// Merchants as storage sees them: credentials, restrictions and the balances they start with.

import type { ApiOperationId } from "@gatekit/types";
import { columns } from "./columns.js";
import { bool, num, text } from "./rows.js";
import { type Driver, first, statement } from "./sql.js";

/** How a merchant came to exist; `reset` with `all` treats each kind differently. */
export type MerchantOrigin = "configured" | "sandbox" | "control";

/** One merchant. Amounts are integer minor units. */
export interface MerchantRecord {
  readonly appId: string;
  readonly appSecret: string;
  /** Hosts notifyUrl and returnUrl may point at (`*.example.com` matches subdomains); null allows any. */
  readonly allowedHosts: readonly string[] | null;
  /** The public operations the merchant may call; null allows all. */
  readonly operations: readonly ApiOperationId[] | null;
  /** A disabled merchant's requests fail with `Common.Auth.Invalid_AppId`. */
  readonly disabled: boolean;
  /** Available amounts by currency that the merchant starts with, and returns to on reset. */
  readonly startingBalances: Readonly<Record<string, bigint>>;
  readonly origin: MerchantOrigin;
  /** Epoch ms. */
  readonly createdAt: number;
}

/** The merchants table. Every method runs inside the caller's transaction. */
export interface MerchantRepository {
  get(appId: string): Promise<MerchantRecord | null>;
  /** Every merchant, oldest first. */
  list(): Promise<MerchantRecord[]>;
  /** Adds the merchant, or replaces the one with the same appId. */
  save(merchant: MerchantRecord): Promise<void>;
  /** Deletes the merchants of one origin; returns how many went. */
  deleteByOrigin(origin: MerchantOrigin): Promise<number>;
}

// Lists are JSON text and starting balances a JSON object of decimal strings, so that both
// backends keep them in plain TEXT columns.
const MERCHANT = columns<MerchantRecord>({
  appId: text,
  appSecret: text,
  allowedHosts: (value) => (value === null ? null : (JSON.parse(value as string) as string[])),
  operations: (value) => (value === null ? null : (JSON.parse(value as string) as ApiOperationId[])),
  disabled: bool,
  startingBalances: (value) => {
    const starting = Object.entries(JSON.parse(value as string) as Record<string, string>);
    return Object.fromEntries(starting.map(([currency, amount]) => [currency, BigInt(amount)]));
  },
  origin: text<MerchantOrigin>,
  createdAt: num,
});

const get = statement("merchants_get", `SELECT ${MERCHANT.list} FROM merchants WHERE app_id = $1`);
const list = statement("merchants_list", `SELECT ${MERCHANT.list} FROM merchants ORDER BY created_at, app_id`);
const save = statement(
  "merchants_save",
  `INSERT INTO merchants (${MERCHANT.list}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
   ON CONFLICT (app_id) DO UPDATE SET
     app_secret = excluded.app_secret, allowed_hosts = excluded.allowed_hosts, operations = excluded.operations,
     disabled = excluded.disabled, starting_balances = excluded.starting_balances, origin = excluded.origin`,
);
const deleteByOrigin = statement("merchants_delete_by_origin", "DELETE FROM merchants WHERE origin = $1");

/** The merchants table on the connection `db`. */
export function merchantRepository(db: Driver): MerchantRepository {
  return {
    async get(appId) {
      const found = await first(db, get, [appId]);
      return found ? MERCHANT.read(found) : null;
    },
    async list() {
      return (await db.rows(list, [])).map(MERCHANT.read);
    },
    async save(merchant) {
      const starting = Object.entries(merchant.startingBalances).map(([currency, amount]) => [currency, `${amount}`]);
      await db.run(
        save,
        MERCHANT.values({
          ...merchant,
          allowedHosts: merchant.allowedHosts === null ? null : JSON.stringify(merchant.allowedHosts),
          operations: merchant.operations === null ? null : JSON.stringify(merchant.operations),
          disabled: db.dialect.bool(merchant.disabled),
          startingBalances: JSON.stringify(Object.fromEntries(starting)),
        }),
      );
    },
    deleteByOrigin: (origin) => db.run(deleteByOrigin, [origin]),
  };
}
