// A deliberately naive merchant for certify's tests, with the mistakes integrations make: it
// takes each notification's status as the order's, counts every notification it accepts as
// processed, checks no nonce, and shows its return page from the redirect's query string. With
// `verification: "reserialized"` it also verifies the sign over the parsed JSON serialized again
// (with the header's appId, picked out of the header by a lenient pattern), checks no clock and
// reads bodies without a limit; with "raw" it verifies as @gatekit/webhooks does.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import { verifyNotification } from "@gatekit/webhooks";

/** How the naive merchant misbehaves beyond its mistakes, for the bad-input tests. */
export interface NaiveMerchantOptions {
  readonly gatewayApiBase: string;
  readonly appId: string;
  readonly appSecret: string;
  /** Answer every notification with an HTML page instead of JSON. */
  readonly html?: boolean;
  /** Hold every notification's answer this long. */
  readonly delayMs?: number;
  /** How it checks a notification; default "reserialized". */
  readonly verification?: "reserialized" | "raw";
}

/** The gateway's body limit, which the "raw" verification keeps to. */
const MAX_BODY_BYTES = 1_048_576;

/** A running naive merchant. */
export interface NaiveMerchant {
  readonly origin: string;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  /** POST: a fresh order, created at the gateway. */
  readonly orderUrl: string;
  /** GET: `{"status", "processed"}` of an order. */
  readonly statusUrl: string;
  close(): Promise<void>;
}

/** Starts the naive merchant on a free loopback port. */
export async function startNaiveMerchant(options: NaiveMerchantOptions): Promise<NaiveMerchant> {
  const orders = new Map<string, { status: string; processed: number }>();
  let origin = "";
  let counter = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        if (req.method === "POST" && url.pathname === "/notify") {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          if (options.html)
            return void res
              .writeHead(200, { "content-type": "text/html" })
              .end("<!doctype html><title>Shop</title><p>Welcome to the shop");
          const checked =
            options.verification === "raw"
              ? await checkRaw(options, Buffer.concat(chunks), req.headers.authorization, `${origin}/notify`)
              : checkReserialized(options, raw, req.headers.authorization ?? "", `${origin}/notify`);
          if ("refusal" in checked) return void res.writeHead(checked.refusal).end("refused");
          const { data } = checked;
          const order = orders.get(data.merchantTradeNo);
          if (order) {
            order.status = data.status;
            order.processed += 1;
          }
          return void res.writeHead(200, { "content-type": "application/json" }).end('{"code":"OK"}');
        }
        if (req.method === "GET" && url.pathname === "/return") {
          const paid = url.searchParams.get("status") === "PAID";
          return void res
            .writeHead(200, { "content-type": "text/html" })
            .end(`<!doctype html><h1>${paid ? "Thank you, your order is paid" : "Waiting for your payment"}</h1>`);
        }
        if (req.method === "GET" && url.pathname.startsWith("/status/")) {
          const order = orders.get(decodeURIComponent(url.pathname.slice("/status/".length)));
          return void (order
            ? res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(order))
            : res.writeHead(404).end("no such order"));
        }
        if (req.method === "POST" && url.pathname === "/orders") {
          counter += 1;
          const merchantTradeNo = `NAIVE-${process.pid}-${Date.now()}-${counter}`;
          orders.set(merchantTradeNo, { status: "PENDING", processed: 0 });
          const paymentNo = await createPayment(options, merchantTradeNo, `${origin}/notify`, `${origin}/return`);
          return void res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify({ merchantTradeNo, paymentNo }));
        }
        res.writeHead(404).end();
      })().catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    notifyUrl: `${origin}/notify`,
    returnUrl: `${origin}/return`,
    orderUrl: `${origin}/orders`,
    statusUrl: `${origin}/status/{merchantTradeNo}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Checked = { readonly data: { merchantTradeNo: string; status: string } } | { readonly refusal: number };

// Right: the raw bytes, a body limit and every check of @gatekit/webhooks except the nonce.
async function checkRaw(
  options: NaiveMerchantOptions,
  body: Buffer,
  authorization: string | undefined,
  notifyUrl: string,
): Promise<Checked> {
  if (body.byteLength > MAX_BODY_BYTES) return { refusal: 413 };
  try {
    const notification = await verifyNotification({
      body,
      authorization,
      notifyUrl,
      appId: options.appId,
      appSecret: options.appSecret,
    });
    return { data: notification.data as { merchantTradeNo: string; status: string } };
  } catch {
    return { refusal: 401 };
  }
}

// The mistake: parse first, then verify what JSON.stringify makes of it, with whatever the header says.
function checkReserialized(options: NaiveMerchantOptions, raw: string, header: string, notifyUrl: string): Checked {
  let parsed: { data: { merchantTradeNo: string; status: string } };
  try {
    parsed = JSON.parse(raw) as typeof parsed;
  } catch {
    return { refusal: 400 };
  }
  const field = (name: string) => new RegExp(`${name}=([^,\\s]+)`).exec(header)?.[1] ?? "";
  const expected = signSync({
    appId: field("appId"),
    appSecret: options.appSecret,
    method: "POST",
    url: notifyUrl,
    timestamp: field("timestamp"),
    nonce: field("nonce"),
    body: JSON.stringify(parsed),
  });
  return expected === field("sign") ? { data: parsed.data } : { refusal: 401 };
}

async function createPayment(
  options: NaiveMerchantOptions,
  merchantTradeNo: string,
  notifyUrl: string,
  returnUrl: string,
): Promise<string> {
  const url = `${options.gatewayApiBase}/v2/payment/create`;
  const body = JSON.stringify({
    merchantTradeNo,
    amount: "250.00",
    currency: "INR",
    description: "Naive shop order",
    payer: { userId: "u-1", name: "Asha Verma", email: "asha@example.com", phone: "+919812345678" },
    payMethod: { type: "UPI" },
    notifyUrl,
    returnUrl,
  });
  const timestamp = createTimestamp();
  const nonce = createNonce();
  const sign = signSync({ appId: options.appId, appSecret: options.appSecret, url, timestamp, nonce, body });
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "naive-shop/1",
      authorization: formatAuthorization({ appId: options.appId, sign, timestamp, nonce }),
    },
    body,
  });
  const answer = (await response.json()) as { code: string; data: { paymentNo: string } };
  if (answer.code !== "OK") throw new Error(`payment/create: ${answer.code}`);
  return answer.data.paymentNo;
}
