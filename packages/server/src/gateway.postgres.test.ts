import { startPostgres } from "@gatekit/testing/postgres";
import { afterEach, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "./gateway.js";
import { type CallResult, durableDb, freshSchemaUrl, paymentRequest, testGateway } from "../test/index.js";

// Runs in the `server-postgres` project only: several gateways on one database.
const gateways: Gateway[] = [];
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.close();
});

function start(db: string): Gateway {
  const gateway = createGateway({
    db,
    logger: false,
    sweepIntervalMs: null,
    deliverNotifications: false,
    docsPath: null,
  });
  gateways.push(gateway);
  return gateway;
}

describe("gateways starting together on one new PostgreSQL database", () => {
  it("make up one sandbox merchant between them, and all of them know it", async () => {
    const db = durableDb();
    const started = [start(db), start(db), start(db), start(db)];
    const lists = await Promise.all(started.map((gateway) => gateway.merchants()));
    expect(lists[0]).toHaveLength(1);
    for (const list of lists) expect(list).toEqual(lists[0]);
  });
});

describe("a gateway whose PostgreSQL server restarts", () => {
  it("answers the requests that arrive while it is down once it is back, and each creates one payment", async () => {
    // A server of its own: restarting the run's server would cut every other test's connections.
    const own = await startPostgres();
    const t = testGateway({ db: freshSchemaUrl(own.url) });
    try {
      expect((await t.call("/v2/payment/create", paymentRequest({ merchantTradeNo: "before" }))).code).toBe("OK");
      let during: Promise<CallResult>[] = [];
      await own.restart(async () => {
        // Sent while nothing listens: each keeps trying until the server is back.
        during = Array.from({ length: 5 }, (_, index) =>
          t.call("/v2/payment/create", paymentRequest({ merchantTradeNo: `during-${index}` })),
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      const answers = await Promise.all(during);
      expect(answers.map((answer) => [answer.status, answer.code])).toEqual(
        Array.from({ length: 5 }, () => [200, "OK"]),
      );
      // The pool's connections from before the restart are all dead; none of them answers 500.
      const after = await Promise.all(
        Array.from({ length: 5 }, (_, index) => t.call("/v2/payment/query", { merchantTradeNo: `during-${index}` })),
      );
      expect(after.map((answer) => answer.data["merchantTradeNo"])).toEqual(
        Array.from({ length: 5 }, (_, index) => `during-${index}`),
      );
    } finally {
      await t.close();
      await own.stop();
    }
  });
});
