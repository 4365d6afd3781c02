// sign and verify on a typical request (a 600-byte payment/create body), against the raw hash of
// the same content as one prebuilt string. Target: the Node path at 90% or more of the throughput
// of `createHash('sha256').update(content).digest('hex')`. The one-shot `crypto.hash` (Node
// 20.12+), which the Node path uses, is shown too: it is the real floor.

import { createHash, hash } from "node:crypto";
import { bench, describe } from "vitest";
import * as universal from "../src/index.js";
import * as nodeEntry from "../src/node.js";

const body = JSON.stringify({
  merchantTradeNo: "MTU-20261127-000000001",
  amount: "1250.00",
  currency: "INR",
  description: "Order 20261127-000000001 at Example Shop",
  payer: { userId: "u-000000001", name: "Asha Verma", email: "asha.verma@example.com", phone: "+919999999999" },
  payMethod: { type: "UPI" },
  tradeEnv: { deviceId: "web-5f2b9c1d7e3a4b6c", ip: "203.0.113.24" },
  merchantAttach: "cart=8842;campaign=diwali-2026;channel=web",
  notifyUrl: "https://merchant.example.com/payments/gateway/notify",
  returnUrl: "https://merchant.example.com/checkout/complete?order=20261127-000000001",
}).padEnd(600, " ");
if (Buffer.byteLength(body) !== 600)
  throw new Error(`the benchmark body should be 600 bytes, is ${Buffer.byteLength(body)}`);

const input = {
  appId: "483f6c9c743b4a9bbd34bee0c9c81eb7",
  appSecret: "19200e1478524aceb629acbc570d15d3",
  method: "POST",
  url: "https://gateway.example.com/pg/v2/payment/create",
  timestamp: "1764201600000",
  nonce: "5f2b9c1d7e3a4b6c8d0e1f2a3b4c5d6e",
  body,
};
const content =
  `${input.appId}\n${input.appSecret}\n${input.method}\n${input.url}\n${input.timestamp}\n` +
  `${input.nonce}\n${input.body}\n`;
const signed = { ...input, sign: nodeEntry.signSync(input) };
const bytesInput = { ...input, body: new Uint8Array(Buffer.from(body)) };
const bytesSigned = { ...bytesInput, sign: signed.sign };

const options = { time: 2000, warmupTime: 300 };

describe("sign, 600-byte string body", () => {
  bench(
    "raw createHash of the prebuilt content",
    () => {
      createHash("sha256").update(content).digest("hex");
    },
    options,
  );
  bench(
    "raw one-shot crypto.hash of the prebuilt content",
    () => {
      hash("sha256", content, "hex");
    },
    options,
  );
  bench(
    "node sign (async, node:crypto)",
    async () => {
      await nodeEntry.sign(input);
    },
    options,
  );
  bench(
    "signSync",
    () => {
      nodeEntry.signSync(input);
    },
    options,
  );
  bench(
    "web sign (Web Crypto)",
    async () => {
      await universal.sign(input);
    },
    options,
  );
});

describe("verify, 600-byte string body", () => {
  bench(
    "raw createHash of the prebuilt content",
    () => {
      createHash("sha256").update(content).digest("hex");
    },
    options,
  );
  bench(
    "raw one-shot crypto.hash of the prebuilt content",
    () => {
      hash("sha256", content, "hex");
    },
    options,
  );
  bench(
    "node verify (async, node:crypto)",
    async () => {
      await nodeEntry.verify(signed);
    },
    options,
  );
  bench(
    "verifySync",
    () => {
      nodeEntry.verifySync(signed);
    },
    options,
  );
  bench(
    "web verify (Web Crypto)",
    async () => {
      await universal.verify(signed);
    },
    options,
  );
});

describe("byte body (Uint8Array), 600 bytes", () => {
  bench(
    "raw createHash of the prebuilt content",
    () => {
      createHash("sha256").update(content).digest("hex");
    },
    options,
  );
  bench(
    "raw one-shot crypto.hash of the prebuilt content",
    () => {
      hash("sha256", content, "hex");
    },
    options,
  );
  bench(
    "signSync",
    () => {
      nodeEntry.signSync(bytesInput);
    },
    options,
  );
  bench(
    "verifySync",
    () => {
      nodeEntry.verifySync(bytesSigned);
    },
    options,
  );
  bench(
    "web sign (Web Crypto)",
    async () => {
      await universal.sign(bytesInput);
    },
    options,
  );
});
