import { startPostgres } from "@gatekit/testing";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { freshSchemaUrl, postgresServerUrl } from "../../../test/index.js";
import { openPostgresStore, type PostgresStore } from "./store.js";
import { postgresMigrations } from "./migrations.js";

// Runs in the `server-postgres` project only, against the run's throwaway server.
const server = postgresServerUrl()!;
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function open(
  url = freshSchemaUrl(server),
  extra: Partial<Parameters<typeof openPostgresStore>[0]> = {},
): PostgresStore {
  const store = openPostgresStore({ url, ...extra });
  stores.push(store);
  return store;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A name no other test's connections carry, to find this test's connections on the shared server. */
const applicationName = () => `gatekit_test_${Math.random().toString(36).slice(2, 10)}`;

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("application_name", name);
  return parsed.toString();
}

/** Ends the named connections in `state` (running `statement`, when given); returns how many. */
async function terminate(name: string, state: string, statement?: string): Promise<number> {
  const [ended] = await query<{ n: number }>(
    server,
    "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE " +
      "application_name = $1 AND state = $2 AND ($3::text IS NULL OR query = $3)",
    [name, state, statement ?? null],
  );
  return ended?.n ?? 0;
}

const barrier = (parties: number) => {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === parties) release();
    return all;
  };
};

describe("the PostgreSQL database", () => {
  it("creates the URL's schema on first use and records every migration in it", async () => {
    const url = freshSchemaUrl(server);
    await open(url).opened;
    const versions = await query<{ version: number; name: string }>(
      url,
      "SELECT version, name FROM schema_migrations ORDER BY version",
    );
    expect(versions).toEqual(postgresMigrations.map(({ version, name }) => ({ version, name })));
    const [schema] = await query<{ s: string }>(url, "SELECT current_schema() AS s");
    expect(schema?.s).toMatch(/^t_/);
  });

  it("keeps its data across a reopen and applies only the migrations it does not have", async () => {
    const url = freshSchemaUrl(server);
    const first = [{ version: 1, name: "one", sql: "CREATE TABLE one (x INTEGER)" }];
    await open(url, { migrations: first }).opened;
    await query(url, "INSERT INTO one VALUES (7)");
    await open(url, { migrations: [...first, { version: 2, name: "two", sql: "CREATE TABLE two (x INTEGER)" }] })
      .opened;
    expect(await query(url, "SELECT x FROM one")).toEqual([{ x: 7 }]);
    expect(await query(url, "SELECT name FROM schema_migrations ORDER BY version")).toEqual([
      { name: "one" },
      { name: "two" },
    ]);
  });

  it("migrates once when several instances open a new schema at the same moment", async () => {
    const url = freshSchemaUrl(server);
    await Promise.all(Array.from({ length: 4 }, () => open(url).opened));
    expect(await query(url, "SELECT count(*)::int AS n FROM schema_migrations")).toEqual([
      { n: postgresMigrations.length },
    ]);
  });

  it("refuses a schema made by a newer gateway, saying what to do and hiding the password", async () => {
    const url = freshSchemaUrl(server);
    await open(url).opened;
    await query(url, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)");
    const withPassword = url.replace("postgres://gatekit@", "postgres://gatekit:s3cret-pw@");
    const failure = open(withPassword).opened;
    await expect(failure).rejects.toThrow(
      new RegExp(
        "schema version 99, newer than this gateway knows \\(\\d+\\): " +
          "use a newer @gatekit/server, or another database or schema",
      ),
    );
    await expect(failure).rejects.not.toThrow(/s3cret-pw/);
  });

  it("says which server it cannot reach, without the password, and fails every transaction with it", async () => {
    const store = open("postgres://gatekit:s3cret-pw@127.0.0.1:1/nowhere");
    const failure = store.transaction((tx) => tx.merchants.list());
    await expect(failure).rejects.toThrow(
      new RegExp(
        "Cannot connect to the database postgres://gatekit:\\*\\*\\*@127\\.0\\.0\\.1:1/nowhere: .*" +
          "Check that the server runs and the URL is right",
      ),
    );
    await expect(failure).rejects.not.toThrow(/s3cret-pw/);
    expect(store.path).not.toContain("s3cret-pw");
  });
});

describe("transactions on PostgreSQL", () => {
  it("run side by side from two instances, and a balance never goes below zero", async () => {
    const url = freshSchemaUrl(server);
    const [a, b] = [open(url), open(url)];
    await a.transaction((tx) => tx.balances.set("app", "USD", { available: 100n, frozen: 0n }, 1));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        (index % 2 ? a : b).transaction((tx) => tx.balances.debit("app", "USD", 10n, 2)),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(await b.transaction((tx) => tx.balances.get("app", "USD"))).toEqual({
      currency: "USD",
      available: 0n,
      frozen: 0n,
    });
  });

  it("are run again when PostgreSQL breaks a deadlock between them", async () => {
    const store = open();
    await store.transaction(async (tx) => {
      await tx.balances.set("app", "AAA", { available: 0n, frozen: 0n }, 1);
      await tx.balances.set("app", "BBB", { available: 0n, frozen: 0n }, 1);
    });
    const meet = barrier(2);
    let runs = 0;
    // Each locks one row, waits for the other to lock the other, then wants the other's row.
    const crossing = (first: string, second: string) =>
      store.transaction(async (tx) => {
        runs++;
        await tx.balances.credit("app", first, 1n, 2);
        await meet();
        await tx.balances.credit("app", second, 1n, 2);
      });
    await Promise.all([crossing("AAA", "BBB"), crossing("BBB", "AAA")]);
    expect(runs).toBe(3);
    expect(await store.transaction((tx) => tx.balances.list("app"))).toEqual([
      { currency: "AAA", available: 2n, frozen: 0n },
      { currency: "BBB", available: 2n, frozen: 0n },
    ]);
  });

  it("are run again on a new connection when theirs is lost before COMMIT, and commit once", async () => {
    const name = applicationName();
    const store = open(withApplicationName(freshSchemaUrl(server), name));
    let runs = 0;
    const result = await store.transaction(async (tx) => {
      runs++;
      await tx.balances.credit("app", "INR", 5n, 1);
      // The server ends this connection while the transaction waits between two statements.
      if (runs === 1) expect(await terminate(name, "idle in transaction")).toBe(1);
      await tx.balances.credit("app", "INR", 5n, 1);
      return runs;
    });
    expect(result).toBe(2);
    expect((await store.transaction((tx) => tx.balances.get("app", "INR")))?.available).toBe(10n);
  });

  it("are not run again when the connection is lost during COMMIT, and say the outcome is unknown", async () => {
    const name = applicationName();
    const url = withApplicationName(freshSchemaUrl(server), name);
    const store = open(url);
    await store.opened;
    // A deferred trigger holds COMMIT long enough to end the connection in the middle of it.
    await query(
      url,
      `CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(30); ` +
        `RETURN NULL; END $$;
       CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON balances DEFERRABLE INITIALLY DEFERRED FOR EACH ROW ` +
        `EXECUTE FUNCTION slow_commit();`,
    );
    let runs = 0;
    const outcome = store.transaction(async (tx) => {
      runs++;
      await tx.balances.credit("app", "INR", 5n, 1);
    });
    await expect.poll(() => terminate(name, "active", "COMMIT"), { timeout: 5000 }).toBe(1);
    await expect(outcome).rejects.toThrow(/lost while committing, so whether this transaction was saved is unknown/);
    expect(runs).toBe(1);
    await query(url, "DROP TRIGGER slow_commit ON balances");
    // Terminated before the commit finished, so PostgreSQL rolled it back.
    expect(await store.transaction((tx) => tx.balances.get("app", "INR"))).toBeNull();
  });

  it("let one instance in two remember a nonce used on both at once", async () => {
    const url = freshSchemaUrl(server);
    const [a, b] = [open(url), open(url)];
    await a.opened;
    for (let round = 0; round < 20; round++) {
      const nonce = `nonce-${round}`;
      const outcomes = await Promise.all(
        [a, b].map((store) => store.transaction((tx) => tx.nonces.remember("app", nonce, 10_000, 1))),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    }
  });

  it("hand each due notification to one claimer only, however many instances claim at once", async () => {
    const url = freshSchemaUrl(server);
    const instances = [open(url), open(url), open(url)];
    await instances[0]!.transaction(async (tx) => {
      for (let i = 0; i < 60; i++) {
        await tx.notifications.enqueue({
          id: `NTF${i}`,
          appId: "app",
          kind: "payment",
          objectNo: `PAY${i}`,
          notifyUrl: "http://127.0.0.1/n",
          body: "{}",
          now: 1,
        });
      }
    });
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        instances[index % 3]!.transaction((tx) => tx.notifications.claimDue({ now: 2, limit: 10, leaseMs: 60_000 })),
      ),
    );
    const ids = claims.flat().map((notification) => notification.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    // Leased: nobody gets them again until the lease runs out, then somebody does.
    expect(
      await instances[1]!.transaction((tx) => tx.notifications.claimDue({ now: 3, limit: 100, leaseMs: 60_000 })),
    ).toEqual([]);
    expect(
      await instances[2]!.transaction((tx) => tx.notifications.claimDue({ now: 60_002, limit: 100, leaseMs: 60_000 })),
    ).toHaveLength(60);
  });

  it("tell other instances about committed merchant changes, and not about rolled-back ones", async () => {
    const url = freshSchemaUrl(server);
    const [a, b] = [open(url), open(url)];
    await a.opened;
    const heard: string[] = [];
    const watch = b.watchMerchants!(() => heard.push("change"));
    const other = open(); // a different schema on the same server: not this sandbox's business
    await watch.ready;
    const merchant = {
      appId: "m1",
      appSecret: "secret-123",
      allowedHosts: null,
      operations: null,
      disabled: false,
      startingBalances: {},
      origin: "control" as const,
      createdAt: 1,
    };
    await expect(
      a.transaction(async (tx) => {
        await tx.merchants.save(merchant);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await other.transaction((tx) => tx.merchants.save(merchant));
    await a.transaction((tx) => tx.merchants.save(merchant));
    await expect.poll(() => heard.length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual(["change"]);
    await watch.stop();
  });

  it("hear changes again after losing the connection they listen on, and report what they missed", async () => {
    // A server of its own, so that cutting every listening connection disturbs no other test.
    const own = await startPostgres();
    try {
      const url = freshSchemaUrl(own.url);
      const [a, b] = [open(url), open(url)];
      await a.opened;
      let heard = 0;
      const watch = b.watchMerchants!(() => heard++);
      await watch.ready;
      const cut = await query<{ n: number }>(
        own.url,
        "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN %'",
      );
      expect(cut).toEqual([{ n: 1 }]);
      const merchant = {
        appId: "m2",
        appSecret: "secret-123",
        allowedHosts: null,
        operations: null,
        disabled: false,
        startingBalances: {},
        origin: "control" as const,
        createdAt: 1,
      };
      // Committed while nobody listens: heard through the catch-up report after reconnecting.
      await a.transaction((tx) => tx.merchants.save(merchant));
      await expect.poll(() => heard, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
      const before = heard;
      await a.transaction((tx) => tx.merchants.save({ ...merchant, disabled: true }));
      await expect.poll(() => heard, { timeout: 5000 }).toBe(before + 1);
      await watch.stop();
    } finally {
      for (const store of stores.splice(0)) await store.close();
      await own.stop();
    }
  });
});
