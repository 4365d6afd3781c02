import { parseAuthorization } from "@gatekit/signature/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createGateway } from "../gateway.js";
import { durableDb, MERCHANT, paymentRequest, type TestGateway, testGateway } from "../../test/index.js";
import { loopbackMerchant } from "../../test/merchant.js";

let t: TestGateway;
afterEach(() => t?.close());

const HOUR = 3_600_000;

describe("the test clock", () => {
  it("starts on real time and moves forward by what each advance adds", async () => {
    t = testGateway();
    const start = await t.control("GET", "/clock");
    expect(start.data).toMatchObject({ offsetMs: 0 });
    expect(start.data.now).toBe(start.data.realNow);
    await t.control("POST", "/clock", { advanceMs: HOUR });
    const moved = await t.control("POST", "/clock", { advanceMs: 1000 });
    expect(moved.data.clock.offsetMs).toBe(HOUR + 1000);
    expect(Date.parse(moved.data.clock.now) - Date.parse(moved.data.clock.realNow)).toBe(HOUR + 1000);
    expect(t.gateway.clock.now()).toBe(t.clock.now() + HOUR + 1000);
  });

  it.each([
    [{ advanceMs: 0 }, "advanceMs: must be >= 1"],
    [{ advanceMs: -5 }, "advanceMs: must be >= 1"],
    [{ advanceMs: 1.5 }, "advanceMs: must be an integer"],
    [{}, "advanceMs: is required"],
    [{ advanceMs: 1, back: true }, "back: is not allowed"],
  ])("refuses %j with a specific message", async (body, message) => {
    t = testGateway();
    const refused = await t.control("POST", "/clock", body);
    expect(refused).toMatchObject({ status: 400, code: "Control.Common.Invalid_Request" });
    expect(refused.errorMessage).toContain(message);
    expect((await t.control("GET", "/clock")).data.offsetMs).toBe(0);
  });

  it("closes an expired PENDING payment at once", async () => {
    t = testGateway({ paymentExpiryMs: 30 * 60_000 });
    const { data } = await t.call("/v2/payment/create", paymentRequest());
    const advanced = await t.control("POST", "/clock", { advanceMs: 30 * 60_000 + 1 });
    expect(advanced.data.swept).toMatchObject({ payments: 1 });
    expect((await t.control("GET", `/payments/${data.paymentNo}`)).data.payment.status).toBe("CLOSED");
  });

  it("brings a due retry forward, and the retry is still signed with the real time", async () => {
    const shop = await loopbackMerchant([500]);
    t = testGateway({ deliverNotifications: true });
    const { data } = await t.call("/v2/payment/create", paymentRequest({ notifyUrl: shop.url }));
    await t.control("POST", `/payments/${data.paymentNo}/outcome`, { status: "PAID" });
    const first = await shop.request(1);
    // The merchant answers before the gateway records the attempt; the retry is scheduled from the record.
    await vi.waitFor(async () =>
      expect((await t.control("GET", "/notifications")).data.notifications[0].attempts).toBe(1),
    );
    // The test's real clock never moves: without the advance the retry (due in 15 s) never comes.
    await t.control("POST", "/clock", { advanceMs: 15_000 });
    const retry = await shop.request(2);
    expect(parseAuthorization(retry.headers.authorization).timestamp).toBe(String(t.clock.now()));
    // The notification's id is the same on both attempts; the attempt number counts them.
    expect(first.headers["gatekit-notification-id"]).toMatch(/^NTF\d+$/);
    expect(retry.headers["gatekit-notification-id"]).toBe(first.headers["gatekit-notification-id"]);
    expect([first.headers["gatekit-notification-attempt"], retry.headers["gatekit-notification-attempt"]]).toEqual([
      "1",
      "2",
    ]);
  });

  it("does not move back on reset", async () => {
    t = testGateway();
    await t.control("POST", "/clock", { advanceMs: HOUR });
    await t.control("POST", "/reset", { all: true });
    expect((await t.control("GET", "/clock")).data.offsetMs).toBe(HOUR);
  });

  it("is shared by gateways on one database, and kept across restarts", async () => {
    const db = durableDb();
    t = testGateway({ db });
    const other = createGateway({
      db,
      merchants: [{ ...MERCHANT }],
      logger: "silent",
      sweepIntervalMs: null,
      deliverNotifications: false,
      docsPath: null,
    });
    try {
      await other.ready;
      await t.control("POST", "/clock", { advanceMs: 2 * HOUR });
      const seen = await (await other.fetch(new Request("http://gateway.test/__gateway/clock"))).json();
      expect(seen.data.offsetMs).toBe(2 * HOUR);
      expect(other.clock.offsetMs()).toBe(2 * HOUR);
    } finally {
      await other.close();
    }
    await t.close();
    t = testGateway({ db });
    expect((await t.control("GET", "/clock")).data.offsetMs).toBe(2 * HOUR);
  });
});

describe("what stays on real time", () => {
  it("refuses a request signed with a timestamp in the moved future", async () => {
    t = testGateway();
    await t.control("POST", "/clock", { advanceMs: 2 * HOUR });
    const refused = await t.call("/v2/balance/query", { currencies: ["INR"] }, { timestamp: t.gateway.clock.now() });
    expect([refused.status, refused.code]).toEqual([401, "Common.Auth.Sign_Timeout"]);
    const accepted = await t.call("/v2/balance/query", { currencies: ["INR"] }, { timestamp: t.clock.now() });
    expect(accepted.code).toBe("OK");
  });

  it("still refuses a replayed nonce after the clock moved and the sweep ran", async () => {
    t = testGateway();
    const options = { timestamp: t.clock.now(), nonce: "0123456789abcdef0123456789abcdef" };
    expect((await t.call("/v2/balance/query", { currencies: ["INR"] }, options)).code).toBe("OK");
    await t.control("POST", "/clock", { advanceMs: 2 * HOUR });
    await t.control("POST", "/sweep");
    const replay = await t.call("/v2/balance/query", { currencies: ["INR"] }, options);
    expect([replay.status, replay.code]).toEqual([401, "Common.Auth.Sign_Timeout"]);
    expect(replay.errorMessage).toMatch(/already used/);
  });
});
