// One transaction's repositories, the same on every backend: each backend adds only what it does
// its own way (its maintenance, and on PostgreSQL the announcement of merchant changes).

import { balanceRepository } from "./balances.js";
import { clockRepository } from "./clock.js";
import { merchantRepository } from "./merchants.js";
import { nonceRepository } from "./nonces.js";
import { notificationRepository } from "./notifications.js";
import { paymentRepository } from "./payments.js";
import { payoutRepository } from "./payouts.js";
import { refundRepository } from "./refunds.js";
import type { Driver } from "./sql.js";
import type { Tx } from "./store.js";

/** The repositories on the connection `db`, with the backend's own where it has them. */
export function repositoriesOn(db: Driver, own: Pick<Tx, "maintenance"> & Partial<Tx>): Tx {
  return {
    merchants: merchantRepository(db),
    payments: paymentRepository(db),
    refunds: refundRepository(db),
    payouts: payoutRepository(db),
    balances: balanceRepository(db),
    nonces: nonceRepository(db),
    notifications: notificationRepository(db),
    clock: clockRepository(db),
    ...own,
  };
}
