// A merchant shop on loopback for the tests that run the gateway as a process: a notify endpoint
// that verifies what arrives with @gatekit/webhooks, a return page, and calls signed as the shop
// would sign them.

import { type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import { ACK, type Notification, verifyNotification } from "@gatekit/webhooks";
import type { Credentials } from "./cli.js";

/** POSTs a JSON body signed as a merchant would, and resolves with the parsed envelope. */
export async function signedCall<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  credentials: Credentials,
): Promise<{ code: string; errorMessage: string | null; data: T }> {
  const text = JSON.stringify(body);
  const timestamp = createTimestamp();
  const nonce = createNonce();
  const sign = signSync({ ...credentials, method: "POST", url, timestamp, nonce, body: text });
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      "user-agent": "gatekit-server-tests/1",
      authorization: formatAuthorization({ appId: credentials.appId, sign, timestamp, nonce }),
    },
    body: text,
  });
  return (await response.json()) as { code: string; errorMessage: string | null; data: T };
}

/** A payment/create body for a merchant on loopback. */
export function paymentBody(
  merchantTradeNo: string,
  urls: { readonly notifyUrl: string; readonly returnUrl: string },
  extra: Record<string, unknown> = {},
) {
  return {
    merchantTradeNo,
    amount: "100.05",
    currency: "INR",
    description: "Order for the tests",
    payer: { userId: "u-1", name: "Asha Verma", email: "asha@example.com", phone: "+919812345678" },
    payMethod: { type: "UPI" },
    notifyUrl: urls.notifyUrl,
    returnUrl: urls.returnUrl,
    ...extra,
  };
}

/** How the loopback merchant answers notifications. */
export type MerchantMode = "ok" | "error" | "hang";

/** One notification the merchant received, verified with @gatekit/webhooks. */
export interface Received {
  readonly raw: string;
  readonly verified: boolean;
  readonly notification: Notification | undefined;
  readonly problem: string | undefined;
  readonly userAgent: string | undefined;
  /** How it was answered: acknowledged (`ok`), refused (`error`) or left hanging. */
  readonly answered: MerchantMode;
}

/** A merchant shop on 127.0.0.1: a notify endpoint that verifies what arrives, and a return page. */
export interface Merchant {
  readonly origin: string;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  /** How notifications are answered from now on. */
  mode: MerchantMode;
  /** The secret notifications are verified with (set once the gateway's merchant is known). */
  credentials: Credentials | undefined;
  readonly received: Received[];
  /** Query strings of the GETs to the return page, parsed. */
  readonly returns: Array<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts a merchant on a free loopback port. */
export async function startMerchant(initialMode: MerchantMode = "ok"): Promise<Merchant> {
  const hanging = new Set<ServerResponse>();
  const state = {
    mode: initialMode,
    credentials: undefined as Credentials | undefined,
    received: [] as Received[],
    returns: [] as Array<Record<string, string>>,
  };
  let notifyUrl = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    if (req.method === "GET" && url.pathname === "/return") {
      state.returns.push(Object.fromEntries(url.searchParams));
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8" })
        .end(`<!doctype html><title>Back at the shop</title><h1>Back at the shop</h1>`);
      return;
    }
    if (req.method !== "POST" || url.pathname !== "/notify") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const mode = state.mode;
      void (async () => {
        let notification: Notification | undefined;
        let problem: string | undefined;
        try {
          if (!state.credentials) throw new Error("the merchant's credentials are not set");
          notification = await verifyNotification({
            body: raw,
            authorization: req.headers.authorization,
            notifyUrl,
            ...state.credentials,
          });
        } catch (error) {
          problem = (error as Error).message;
        }
        const answered: MerchantMode = mode === "ok" && !notification ? "error" : mode;
        state.received.push({
          raw,
          verified: notification !== undefined,
          notification,
          problem,
          userAgent: req.headers["user-agent"],
          answered,
        });
        if (mode === "hang") {
          hanging.add(res);
          return;
        }
        if (mode === "error" || !notification) res.writeHead(500, { "content-type": "text/plain" }).end("not now");
        else res.writeHead(200, { "content-type": "application/json" }).end(ACK);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  notifyUrl = `${origin}/notify`;
  return Object.assign(state, {
    origin,
    notifyUrl,
    returnUrl: `${origin}/return`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
