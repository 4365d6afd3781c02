// The gateways the end-to-end tests run against: @gatekit/server's reference gateway, on
// loopback. The fault tests put a fault layer in front of the same gateway, for the failures a
// real gateway cannot be made to produce (a 503, a tampered response, a dropped connection).

import { randomBytes } from "node:crypto";
import { createGateway } from "@gatekit/server";
import { type FetchHandler, serve, type ServeOptions } from "@gatekit/testing";
import { faultInterceptor, FaultPlan } from "./faults.js";

/** A running gateway and the merchant the tests use. */
export interface GatewayUnderTest {
  /** The base URL to give the client, with the gateway's path prefix: `http://127.0.0.1:<port>/pg`. */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>`, where the control API lives. */
  readonly origin: string;
  readonly appId: string;
  readonly appSecret: string;
  /** Moves a PENDING payment to PAID, as the payer completing the checkout would (control API). */
  completePayment(paymentNo: string): Promise<void>;
  close(): Promise<void>;
}

/** A gateway with faults in front of it, and the requests it received. */
export interface FaultyGatewayUnderTest extends GatewayUnderTest {
  readonly faults: FaultPlan;
}

/** The gateway under test: an in-memory reference gateway whose refunds and payouts complete at once. */
const createTarget = (): FetchHandler =>
  createGateway({ basePath: "/pg", logger: false, refundDelayMs: 0, payoutDelayMs: 0, deliverNotifications: false });

/** The balances the test merchant starts with. */
export const STARTING_BALANCES: Readonly<Record<string, string>> = { INR: "100000.00", BRL: "50000.00" };

/** Starts the gateway the happy-path tests use, on loopback, with a fresh merchant. */
export async function startGateway(options: ServeOptions = {}): Promise<GatewayUnderTest> {
  return start(createTarget(), options);
}

/** Starts the same gateway behind the fault layer. */
export async function startFaultyGateway(): Promise<FaultyGatewayUnderTest> {
  const faults = new FaultPlan();
  let merchant: { appId: string; appSecret: string } | undefined;
  const secretOf = (appId: string): string | undefined => (appId === merchant?.appId ? merchant.appSecret : undefined);
  const gateway = await start(createTarget(), { intercept: faultInterceptor(faults, secretOf) });
  merchant = gateway;
  return Object.assign(gateway, { faults });
}

async function start(handler: FetchHandler, options: ServeOptions): Promise<GatewayUnderTest> {
  const served = await serve(handler, options);
  const appId = `merchant-${randomBytes(8).toString("hex")}`;
  const appSecret = randomBytes(16).toString("hex");
  // In process, through the handler: the same control API, whatever the transport (http or https).
  const control = async (path: string, body: unknown): Promise<void> => {
    const request = new Request(`${served.origin}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const response = await handler.fetch(request);
    if (!response.ok) throw new Error(`control call ${path} failed: HTTP ${response.status} ${await response.text()}`);
  };
  await control("/__gateway/merchants", { appId, appSecret, balances: STARTING_BALANCES });
  return {
    baseUrl: `${served.origin}/pg`,
    origin: served.origin,
    appId,
    appSecret,
    completePayment: (paymentNo) =>
      control(`/__gateway/payments/${encodeURIComponent(paymentNo)}/outcome`, { status: "PAID" }),
    close: () => served.close(),
  };
}
