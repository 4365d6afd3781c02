import { afterEach, describe, expect, it } from "vitest";
import { createGateway, type Gateway } from "./gateway.js";
import { durableDb } from "./testkit/index.js";

// Runs in the `server-postgres` project only: several gateways on one database.
const gateways: Gateway[] = [];
afterEach(async () => {
  for (const gateway of gateways.splice(0)) await gateway.close();
});

function start(db: string): Gateway {
  const gateway = createGateway({ db, logger: false, sweepIntervalMs: null, deliverNotifications: false, docsPath: null });
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
