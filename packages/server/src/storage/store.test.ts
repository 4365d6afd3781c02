import { afterEach, describe, expect, it } from "vitest";
import { freshDb, postgresServerUrl } from "../../test/index.js";
import { openStore } from "./open.js";
import type { Store } from "./store.js";

// The repositories' behaviour, the same on both backends: the `server` project runs this file on
// SQLite and the `server-postgres` project on PostgreSQL. Each backend's own store.test.ts covers
// what only it does (files and WAL, group commit; retries, several instances, LISTEN/NOTIFY).
const backend = postgresServerUrl() ? "PostgreSQL" : "SQLite";
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function open(): Store {
  const store = openStore(freshDb());
  stores.push(store);
  return store;
}

describe(`transactions on ${backend}`, () => {
  it("commit what the function did when it resolves, and roll it all back when it rejects", async () => {
    const store = open();
    await store.transaction((tx) => tx.balances.set("app", "INR", { available: 1n, frozen: 0n }, 1));
    await expect(
      store.transaction(async (tx) => {
        await tx.balances.set("app", "INR", { available: 2n, frozen: 0n }, 2);
        await tx.balances.set("app", "BRL", { available: 2n, frozen: 0n }, 2);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await store.transaction((tx) => tx.balances.list("app"))).toEqual([
      { currency: "INR", available: 1n, frozen: 0n },
    ]);
  });

  it("keep money exact at the contract's largest amount", async () => {
    const store = open();
    await store.transaction((tx) => tx.balances.credit("app", "USD", 99_999_999_999_999_990n, 1));
    await store.transaction((tx) => tx.balances.credit("app", "USD", 5n, 1));
    expect((await store.transaction((tx) => tx.balances.get("app", "USD")))?.available).toBe(99_999_999_999_999_995n);
    // Saturates instead of overflowing.
    await store.transaction((tx) => tx.balances.credit("app", "USD", 99_999_999_999_999_999n, 1));
    expect((await store.transaction((tx) => tx.balances.get("app", "USD")))?.available).toBe(99_999_999_999_999_999n);
  });
});

describe(`repositories on ${backend}`, () => {
  it(
    "nonces: a second use within the expiry is refused, " +
      "after it the nonce is free again, and purge forgets expired ones",
    async () => {
      const store = open();
      const remember = (appId: string, nonce: string, expiresAt: number, now: number) =>
        store.transaction((tx) => tx.nonces.remember(appId, nonce, expiresAt, now));
      expect(await remember("a", "n1", 1000, 0)).toBe(true);
      expect(await remember("a", "n1", 1500, 1000)).toBe(false);
      expect(await remember("b", "n1", 1000, 0)).toBe(true);
      expect(await remember("a", "n1", 2001, 1001)).toBe(true);
      expect(await remember("a", "n2", 500, 0)).toBe(true);
      expect(await store.transaction((tx) => tx.nonces.purge(1500))).toBe(2);
    },
  );

  it("balances: conditional changes never go below zero", async () => {
    const store = open();
    const result = await store.transaction(async (tx) => {
      await tx.balances.credit("a", "INR", 1000n, 1);
      const debitTooMuch = await tx.balances.debit("a", "INR", 1001n, 1);
      const freezeTooMuch = await tx.balances.freeze("a", "INR", 1001n, 1);
      const froze = await tx.balances.freeze("a", "INR", 600n, 1);
      await tx.balances.spendFrozen("a", "INR", 100n, 1);
      await tx.balances.unfreeze("a", "INR", 500n, 1);
      const debited = await tx.balances.debit("a", "INR", 900n, 1);
      const missing = await tx.balances.freeze("a", "BRL", 1n, 1);
      return { debitTooMuch, freezeTooMuch, froze, debited, missing, balance: await tx.balances.get("a", "INR") };
    });
    expect(result).toEqual({
      debitTooMuch: false,
      freezeTooMuch: false,
      froze: true,
      debited: true,
      missing: false,
      balance: { currency: "INR", available: 0n, frozen: 0n },
    });
    await expect(store.transaction((tx) => tx.balances.unfreeze("a", "INR", 1n, 1))).rejects.toThrow(
      /frozen INR balance of a/,
    );
  });

  it(
    "notifications: claimed under a lease, " + "claimed again only once the lease runs out, attempts kept in order",
    async () => {
      const store = open();
      // One statement at a time: a transaction is one connection.
      const enqueued = await store.transaction(async (tx) => {
        const added = [];
        for (const [i, objectNo] of ["P1", "P2", "P3"].entries()) {
          const now = 100 + i;
          const id = `NTF${String(now).padStart(24, "0")}`;
          const input = {
            id,
            appId: "a",
            kind: "payment" as const,
            objectNo,
            notifyUrl: "https://m/n",
            body: `{"i":${i}}`,
            now,
          };
          added.push(await tx.notifications.enqueue(input));
        }
        return added;
      });
      expect(enqueued[0]).toMatchObject({
        id: expect.stringMatching(/^NTF\d{24}$/),
        status: "pending",
        attempts: 0,
        nextAttemptAt: 100,
        leaseUntil: null,
      });
      const first = await store.transaction((tx) => tx.notifications.claimDue({ now: 101, limit: 10, leaseMs: 50 }));
      expect(first.map((n) => n.objectNo)).toEqual(["P1", "P2"]);
      expect(first[0]!.leaseUntil).toBe(151);
      expect(
        await store.transaction((tx) => tx.notifications.claimDue({ now: 120, limit: 10, leaseMs: 50 })),
      ).toHaveLength(1);
      expect(
        await store.transaction((tx) => tx.notifications.claimDue({ now: 130, limit: 10, leaseMs: 50 })),
      ).toHaveLength(0);
      const id = first[0]!.id;
      await store.transaction((tx) =>
        tx.notifications.recordAttempt(
          {
            notificationId: id,
            attempt: 1,
            startedAt: 101,
            durationMs: 12.6,
            httpStatus: 500,
            outcome: "bad_status",
            detail: "busy",
          },
          { status: "pending", nextAttemptAt: 1000, deliveredAt: null },
        ),
      );
      expect(await store.transaction((tx) => tx.notifications.get(id))).toMatchObject({
        attempts: 1,
        status: "pending",
        nextAttemptAt: 1000,
        leaseUntil: null,
      });
      const reclaimed = await store.transaction((tx) =>
        tx.notifications.claimDue({ now: 200, limit: 10, leaseMs: 50 }),
      );
      expect(reclaimed.map((n) => n.objectNo)).toEqual(["P2", "P3"]);
      await store.transaction((tx) =>
        tx.notifications.recordAttempt(
          {
            notificationId: id,
            attempt: 2,
            startedAt: 1000,
            durationMs: 3,
            httpStatus: 200,
            outcome: "acknowledged",
            detail: "",
          },
          { status: "delivered", nextAttemptAt: 1003, deliveredAt: 1003 },
        ),
      );
      expect(await store.transaction((tx) => tx.notifications.attempts(id))).toEqual([
        {
          notificationId: id,
          attempt: 1,
          startedAt: 101,
          durationMs: 13,
          httpStatus: 500,
          outcome: "bad_status",
          detail: "busy",
        },
        {
          notificationId: id,
          attempt: 2,
          startedAt: 1000,
          durationMs: 3,
          httpStatus: 200,
          outcome: "acknowledged",
          detail: "",
        },
      ]);
      expect(
        (await store.transaction((tx) => tx.notifications.list({ status: "delivered" }))).map((n) => n.id),
      ).toEqual([id]);
      expect(await store.transaction((tx) => tx.notifications.list({ objectNo: "P3", limit: 5 }))).toHaveLength(1);
      expect(await store.transaction((tx) => tx.notifications.list({ appId: "other" }))).toEqual([]);
      const resent = await store.transaction((tx) => tx.notifications.resend(id, 5000));
      expect(resent).toMatchObject({ status: "pending", nextAttemptAt: 5000, deliveredAt: null, attempts: 2 });
      expect(await store.transaction((tx) => tx.notifications.resend("NTF-none", 5000))).toBeNull();
    },
  );

  it("merchants: saved, replaced and deleted by origin", async () => {
    const store = open();
    const merchant = {
      appId: "a",
      appSecret: "s",
      allowedHosts: ["x.example"],
      operations: ["queryBalance" as const],
      disabled: false,
      startingBalances: { INR: 100n },
      origin: "control" as const,
      createdAt: 5,
    };
    await store.transaction((tx) => tx.merchants.save(merchant));
    expect(await store.transaction((tx) => tx.merchants.get("a"))).toEqual(merchant);
    await store.transaction((tx) => tx.merchants.save({ ...merchant, disabled: true, allowedHosts: null }));
    expect(await store.transaction((tx) => tx.merchants.get("a"))).toMatchObject({
      disabled: true,
      allowedHosts: null,
    });
    expect(await store.transaction((tx) => tx.merchants.deleteByOrigin("control"))).toBe(1);
    expect(await store.transaction((tx) => tx.merchants.list())).toEqual([]);
  });
});
