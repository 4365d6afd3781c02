// A payments.query round trip on loopback through @gatekit/client, against a hand-written fetch
// call that signs with raw node:crypto and parses the JSON, in the same run, against the same
// server. Target: the client costs at most 15% more time per call (response-signature
// verification included; the hand-written call does not verify, so the client is also measured
// with verification off).
//
// tinybench's hz run each task in one stretch, so on a busy machine they drift apart with whatever
// else runs; the interleaved comparison printed first (paired.ts) alternates the three calls in
// short blocks and is the figure to check the target against.
//
// Two servers: the reference gateway (it verifies the request signature, the clock and the nonce,
// validates the body against the contract, reads the database and signs its answer), and a minimal
// server that only signs a fixed answer, where the server's own cost is smallest and the client's
// share of the round trip is largest: the strictest comparison.

import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayClient } from "@gatekit/client";
import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import type { PaymentQueryData } from "@gatekit/types";
import { afterAll, bench, describe } from "vitest";
import { describePaired, measurePaired } from "./paired.js";
import { paymentRequest } from "../src/support/fixtures.js";
import { startGateway } from "../src/support/gateway.js";

const options = { time: 3_000, warmupTime: 500 };

/** The call the client replaces: sign with node:crypto, fetch, parse. */
function handWritten(baseUrl: string, appId: string, appSecret: string) {
  const url = `${baseUrl}/v2/payment/query`;
  return async (merchantTradeNo: string): Promise<PaymentQueryData> => {
    const body = JSON.stringify({ merchantTradeNo });
    const timestamp = String(Date.now());
    const nonce = randomBytes(16).toString("hex");
    const sign = createHash("sha256")
      .update(`${appId}\n${appSecret}\nPOST\n${url}\n${timestamp}\n${nonce}\n${body}\n`)
      .digest("hex");
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        "user-agent": "hand-written/1.0",
        authorization: `V2_SHA256 appId=${appId},sign=${sign},timestamp=${timestamp},nonce=${nonce}`,
      },
      body,
    });
    const envelope = (await response.json()) as { code: string; data: PaymentQueryData };
    if (envelope.code !== "OK") throw new Error(envelope.code);
    return envelope.data;
  };
}

// --- the reference gateway, with one payment to query
const gateway = await startGateway();
const setup = createGatewayClient({
  baseUrl: gateway.baseUrl,
  appId: gateway.appId,
  appSecret: gateway.appSecret,
  allowInsecureLoopback: true,
});
const payment = paymentRequest();
await setup.payments.create(payment);

// --- the minimal server: reads the body, answers the same payment, signed
const minimalAppId = "bench-merchant";
const minimalSecret = randomBytes(16).toString("hex");
const answer = Buffer.from(
  JSON.stringify({
    code: "OK",
    errorMessage: null,
    data: { ...(await setup.payments.query({ merchantTradeNo: payment.merchantTradeNo })) },
  }),
);
const minimal = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const url = `http://${req.headers.host}${req.url}`;
    const timestamp = createTimestamp();
    const nonce = createNonce();
    const sign = signSync({ appId: minimalAppId, appSecret: minimalSecret, url, timestamp, nonce, body: answer });
    res.writeHead(200, {
      "content-type": "application/json",
      "content-length": answer.length,
      authorization: formatAuthorization({ appId: minimalAppId, sign, timestamp, nonce }),
    });
    res.end(answer);
  });
});
await new Promise<void>((resolve) => minimal.listen(0, "127.0.0.1", resolve));
const minimalBase = `http://127.0.0.1:${(minimal.address() as AddressInfo).port}/pg`;

afterAll(async () => {
  await gateway.close();
  minimal.closeAllConnections();
  await new Promise((resolve) => minimal.close(resolve));
});

for (const [name, baseUrl, appId, appSecret] of [
  ["reference gateway", gateway.baseUrl, gateway.appId, gateway.appSecret],
  ["minimal signed server", minimalBase, minimalAppId, minimalSecret],
] as const) {
  const verified = createGatewayClient({ baseUrl, appId, appSecret, allowInsecureLoopback: true });
  const unverified = createGatewayClient({
    baseUrl,
    appId,
    appSecret,
    allowInsecureLoopback: true,
    verifyResponseSignature: false,
  });
  const manual = handWritten(baseUrl, appId, appSecret);
  const query = { merchantTradeNo: payment.merchantTradeNo };

  const contenders = {
    "hand-written fetch + node:crypto + JSON.parse": () => manual(payment.merchantTradeNo),
    "@gatekit/client (response signature verified)": () => verified.payments.query(query),
    "@gatekit/client (verifyResponseSignature: false)": () => unverified.payments.query(query),
  };
  console.log(describePaired(name, await measurePaired(contenders)));

  describe(`payments.query round trip, ${name}`, () => {
    for (const [task, call] of Object.entries(contenders)) {
      bench(
        task,
        async () => {
          await call();
        },
        options,
      );
    }
  });
}
