// @gatekit/client against the gateway behind the fault layer: the failures a real gateway does not
// produce on demand (5xx, stalls, dropped connections, altered or unsigned responses), and what the
// client sends. Timings are kept small and never asserted exactly: the tests check behaviour.

import { inspect } from "node:util";
import {
  createGatewayClient,
  type GatewayClient,
  type GatewayClientOptions,
  isGatewayError,
  type RequestEvent,
  type ResponseEvent,
} from "@gatekit/client";
import { rejection, serve } from "@gatekit/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { paymentRequest } from "./support/fixtures.js";
import { type FaultyGatewayUnderTest, startFaultyGateway } from "./support/gateway.js";

let gateway: FaultyGatewayUnderTest;

beforeAll(async () => {
  gateway = await startFaultyGateway();
});

afterAll(async () => {
  await gateway.close();
});

beforeEach(() => {
  gateway.faults.reset();
});

/** A client for the faulty gateway, with fast retries; hook events are collected in `events`. */
function clientFor(options: Partial<GatewayClientOptions> = {}): {
  client: GatewayClient;
  events: (RequestEvent | ResponseEvent)[];
} {
  const events: (RequestEvent | ResponseEvent)[] = [];
  const client = createGatewayClient({
    baseUrl: gateway.baseUrl,
    appId: gateway.appId,
    appSecret: gateway.appSecret,
    allowInsecureLoopback: true,
    retryBackoff: { initialMs: 5, maxMs: 20 },
    onRequest: (event) => void events.push(event),
    onResponse: (event) => void events.push(event),
    ...options,
  });
  return { client, events };
}

function responses(events: (RequestEvent | ResponseEvent)[]): ResponseEvent[] {
  return events.filter((event): event is ResponseEvent => "latencyMs" in event);
}

const internalError = { kind: "answer", status: 503, code: "Common.Internal_Error" } as const;

describe("retries", () => {
  it(
    "retries after a 503, re-signing with a new nonce and " + "timestamp over the same bytes; the create happens once",
    async () => {
      const { client, events } = clientFor();
      gateway.faults.inject(internalError);
      const request = paymentRequest();
      const payment = await client.payments.create(request);

      const [first, second] = gateway.faults.requests;
      expect(gateway.faults.requests).toHaveLength(2);
      expect(first!.fault).toEqual(internalError);
      expect(second!.url).toBe(first!.url);
      expect(Buffer.from(second!.body).equals(Buffer.from(first!.body))).toBe(true);
      expect(second!.authorization!.nonce).not.toBe(first!.authorization!.nonce);
      expect(second!.authorization!.sign).not.toBe(first!.authorization!.sign);
      expect(Number(second!.authorization!.timestamp)).toBeGreaterThanOrEqual(Number(first!.authorization!.timestamp));
      // The first attempt was processed before its answer was replaced: the retry got the same payment.
      const queried = await client.payments.query({ merchantTradeNo: request.merchantTradeNo });
      expect(queried.paymentNo).toBe(payment.paymentNo);

      const [failed, succeeded] = responses(events);
      expect(failed).toMatchObject({ attempt: 1, httpStatus: 503, willRetry: true, signature: "verified" });
      expect(failed!.retryDelayMs).toBeGreaterThan(0);
      expect(succeeded).toMatchObject({ attempt: 2, httpStatus: 200, willRetry: false, signature: "verified" });
    },
  );

  it("gives up after maxRetries with a ServerError carrying the last status, attempts and nonce", async () => {
    const { client } = clientFor({ maxRetries: 2 });
    // A proxy's 502: no signature, still a server error.
    gateway.faults.inject({ kind: "answer", status: 502, code: "Common.Internal_Error", signed: false }, 3);
    const error = await rejection(client.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "ServerError", httpStatus: 502, code: "Common.Internal_Error", attempts: 3 });
    expect((error as { nonce: string }).nonce).toBe(gateway.faults.requests[2]!.authorization!.nonce);
    expect((error as Error).message).toMatch(/outcome is unknown/);
    expect(gateway.faults.requests).toHaveLength(3);
  });

  it("honours Retry-After", async () => {
    const { client, events } = clientFor();
    gateway.faults.inject({ ...internalError, retryAfter: "1" });
    await client.balance.query({ currencies: ["INR"] });
    expect(responses(events)[0]).toMatchObject({ willRetry: true });
    expect(responses(events)[0]!.retryDelayMs).toBeGreaterThanOrEqual(1000);
  });

  it("does not wait out a Retry-After longer than a minute: the ServerError carries it", async () => {
    const { client } = clientFor();
    gateway.faults.inject({ ...internalError, retryAfter: "120" });
    const error = await rejection(client.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "ServerError", httpStatus: 503, retryAfterMs: 120_000, attempts: 1 });
  });

  it("never retries a business code or a 401", async () => {
    const { client } = clientFor();
    gateway.faults.inject({ kind: "answer", status: 200, code: "Payment.Common.Rejected", errorMessage: "declined" });
    expect(await rejection(client.payments.create(paymentRequest()))).toMatchObject({
      type: "GatewayError",
      code: "Payment.Common.Rejected",
      attempts: 1,
    });
    gateway.faults.inject({ kind: "answer", status: 401, code: "Common.Auth.Sign_Timeout" });
    const error = await rejection(client.payments.create(paymentRequest()));
    expect(error).toMatchObject({
      type: "AuthenticationError",
      code: "Common.Auth.Sign_Timeout",
      httpStatus: 401,
      attempts: 1,
    });
    expect((error as Error).message).toMatch(/clock/);
    expect(gateway.faults.requests).toHaveLength(2);
  });

  it("takes maxRetries per call over the client's", async () => {
    const { client } = clientFor({ maxRetries: 0 });
    gateway.faults.inject(internalError);
    expect(await rejection(client.balance.query({ currencies: ["INR"] }))).toMatchObject({
      type: "ServerError",
      attempts: 1,
    });
    gateway.faults.inject(internalError);
    await expect(client.balance.query({ currencies: ["INR"] }, { maxRetries: 1 })).resolves.toHaveProperty(
      "balanceList",
    );
  });
});

describe("timeouts", () => {
  it("a gateway that holds back its headers past timeoutMs is a TimeoutError", async () => {
    const { client } = clientFor({ timeoutMs: 100, maxRetries: 0 });
    gateway.faults.inject({ kind: "delay", ms: 1_000, phase: "headers" });
    const error = await rejection(client.payments.query({ merchantTradeNo: "ANY" }));
    expect(error).toMatchObject({ type: "TimeoutError", attempts: 1, httpStatus: undefined });
    expect((error as Error).message).toMatch(/within 100 ms/);
  });

  it("the timeout covers the body: headers then a stalled body is a TimeoutError too", async () => {
    const { client } = clientFor({ maxRetries: 0 });
    gateway.faults.inject({ kind: "delay", ms: 1_000, phase: "body" });
    const error = await rejection(client.balance.query({ currencies: ["INR"] }, { timeoutMs: 150 }));
    expect(error).toMatchObject({ type: "TimeoutError" });
  });

  it("a timed-out attempt is retried, freshly signed", async () => {
    // Generous for the retry, which must succeed within it on a busy machine.
    const { client, events } = clientFor({ timeoutMs: 750 });
    gateway.faults.inject({ kind: "delay", ms: 5_000, phase: "headers" });
    await client.balance.query({ currencies: ["INR"] });
    const [timedOut, answered] = responses(events);
    expect(timedOut).toMatchObject({ attempt: 1, httpStatus: undefined, willRetry: true });
    expect(timedOut!.error?.type).toBe("TimeoutError");
    expect(answered).toMatchObject({ attempt: 2, httpStatus: 200 });
    expect(answered!.nonce).not.toBe(timedOut!.nonce);
  });

  it("a caller's AbortSignal ends the call with the caller's reason, also during a backoff wait", async () => {
    const { client, events } = clientFor({ retryBackoff: { initialMs: 5_000, maxMs: 5_000 } });
    gateway.faults.inject({ kind: "delay", ms: 5_000, phase: "headers" });
    const reason = new Error("shutting down");
    // Each abort waits for the moment it is about (the gateway holding the answer back, then the
    // client in its 5 s backoff), not for a fixed 50 or 100 ms that a busy machine can overrun.
    const controller = new AbortController();
    const held = client.balance.query({ currencies: ["INR"] }, { signal: controller.signal });
    await expect.poll(() => gateway.faults.requests.length, { interval: 5, timeout: 4_000 }).toBe(1);
    controller.abort(reason);
    expect(await rejection(held)).toBe(reason);

    gateway.faults.inject(internalError);
    const later = new AbortController();
    const call = client.balance.query({ currencies: ["INR"] }, { signal: later.signal });
    await expect
      .poll(() => responses(events).some((event) => event.httpStatus === 503 && event.willRetry), {
        interval: 5,
        timeout: 4_000,
      })
      .toBe(true);
    later.abort(reason);
    expect(await rejection(call)).toBe(reason);
    expect(gateway.faults.requests).toHaveLength(2);
  });
});

describe("connection failures", () => {
  it("a dropped connection is retried; with no retries left it is a ConnectionError", async () => {
    const { client } = clientFor();
    gateway.faults.inject({ kind: "drop" });
    await expect(client.balance.query({ currencies: ["INR"] })).resolves.toHaveProperty("balanceList");
    expect(gateway.faults.requests).toHaveLength(2);

    gateway.faults.inject({ kind: "drop" }, 2);
    const error = await rejection(client.balance.query({ currencies: ["INR"] }, { maxRetries: 1 }));
    expect(error).toMatchObject({ type: "ConnectionError", attempts: 2, httpStatus: undefined });
    expect(isGatewayError(error)).toBe(true);
  });

  it("a refused connection is a ConnectionError that names the cause", async () => {
    const closed = await serve({ fetch: async () => new Response("") });
    await closed.close();
    const client = createGatewayClient({
      baseUrl: `${closed.origin}/pg`,
      appId: gateway.appId,
      appSecret: gateway.appSecret,
      allowInsecureLoopback: true,
      retryBackoff: { initialMs: 1, maxMs: 2 },
    });
    const error = await rejection(client.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "ConnectionError", attempts: 3 });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe("response signatures", () => {
  it("a body altered after signing is a ResponseSignatureError, never retried", async () => {
    const { client } = clientFor();
    const request = paymentRequest();
    gateway.faults.inject({ kind: "tamper" });
    const error = await rejection(client.payments.create(request));
    expect(error).toMatchObject({ type: "ResponseSignatureError", httpStatus: 200, attempts: 1 });
    expect((error as Error).message).toMatch(/does not match its body/);
    expect((error as { rawBody: string }).rawBody).toContain('"PAID"');
    expect(gateway.faults.requests).toHaveLength(1);
  });

  it("a missing signature is a ResponseSignatureError that says how to switch verification off", async () => {
    const { client } = clientFor();
    gateway.faults.inject({ kind: "unsigned" });
    const error = await rejection(client.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "ResponseSignatureError" });
    expect((error as Error).message).toMatch(/verifyResponseSignature: false/);
  });

  it("a signature outside the clock window is refused", async () => {
    const { client } = clientFor();
    gateway.faults.inject({ kind: "stale" });
    const error = await rejection(client.balance.query({ currencies: ["INR"] }));
    expect(error).toMatchObject({ type: "ResponseSignatureError" });
    expect((error as Error).message).toMatch(/5-minute window/);
  });

  it("with verifyResponseSignature: false an unsigned response is accepted", async () => {
    const { client, events } = clientFor({ verifyResponseSignature: false });
    gateway.faults.inject({ kind: "unsigned" });
    await expect(client.balance.query({ currencies: ["INR"] })).resolves.toHaveProperty("balanceList");
    expect(responses(events)[0]!.signature).toBe("skipped");
  });

  it("the raw client is verified too", async () => {
    const { client } = clientFor();
    gateway.faults.inject({ kind: "tamper" });
    expect(await rejection(client.raw.POST("/v2/balance/query", { body: { currencies: ["INR"] } }))).toMatchObject({
      type: "ResponseSignatureError",
    });
  });
});

describe("what the client sends and tells", () => {
  it("sends the User-Agent, Content-Type and Accept, and signs the exact URL it sends", async () => {
    const { client } = clientFor({ appInfo: { name: "acme-shop", version: "3.2.1", url: "https://acme.example" } });
    await client.balance.query({ currencies: ["INR"] });
    const [request] = gateway.faults.requests;
    expect(request!.headers["user-agent"]).toBe(
      `gatekit-client/0.0.0 node/${process.versions.node} acme-shop/3.2.1 (https://acme.example)`,
    );
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["accept"]).toBe("application/json");
    expect(request!.url).toBe(`${gateway.baseUrl}/v2/balance/query`);
    expect(request!.method).toBe("POST");
    expect(new TextDecoder().decode(request!.body)).toBe('{"currencies":["INR"]}');
  });

  it("never puts the secret or a signature in hook events or errors", async () => {
    const { client, events } = clientFor();
    gateway.faults.inject(internalError).inject({ kind: "tamper" });
    const error = await rejection(client.payments.create(paymentRequest()));
    expect(events.map((event) => event.attempt)).toEqual([1, 1, 2, 2]);
    gateway.faults.inject({ kind: "drop" });
    const dropped = await rejection(client.balance.query({ currencies: ["INR"] }, { maxRetries: 0 }));
    expect(dropped).toMatchObject({ type: "ConnectionError" });
    const signs = gateway.faults.requests.map((request) => request.authorization!.sign);
    expect(signs).toHaveLength(3);
    const seen = [events, error, dropped]
      .flatMap((value) => [JSON.stringify(value), inspect(value, { depth: 10, showHidden: true })])
      .join("\n");
    expect(seen).not.toContain(gateway.appSecret);
    for (const sign of signs) expect(seen).not.toContain(sign);
    for (const event of events) expect(event.nonce).toMatch(/^[0-9a-f]{32}$/);
    for (const event of responses(events)) expect(event.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("a hook that throws changes nothing", async () => {
    const { client } = clientFor({
      onRequest: () => {
        throw new Error("logger down");
      },
      onResponse: async () => {
        throw new Error("metrics down");
      },
    });
    await expect(client.balance.query({ currencies: ["INR"] })).resolves.toHaveProperty("balanceList");
  });
});
