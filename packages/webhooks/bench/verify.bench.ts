// verifyNotification on a 1 KB payment notification, against the floor of what any verifier must
// do: hash the content once and parse the body once, with node:crypto's createHash and JSON.parse,
// in the same run. Target: verifyNotification at 80% or more of that baseline's throughput. It
// runs on the Node path (@gatekit/signature's "node" condition picks node:crypto).
//
// The second group sets it against the peers a merchant would use instead, in the same run on the
// same 1 KB body, each verifying a header signed for its own scheme: Stripe's
// `webhooks.constructEvent` and `constructEventAsync` (the `stripe` package) and Standard
// Webhooks' `Webhook.verify` (the `standardwebhooks` package), next to the same floor. It prints
// the ratios at its end. Targets: verifyNotification at 1.2x or more of the fastest peer's
// throughput, and 3x or more of Standard Webhooks'. The peers are devDependencies of this folder
// only (bench/package.json, a private workspace package).
//
// The third group shows where verifyNotification's time goes: the steps of @gatekit/signature it
// calls (parsing the header, hashing and comparing) and JSON.parse, each on its own.
//
// The fourth group is the ceiling: hand-written verifiers that make the same checks with nothing
// around them, synchronously and through a promise, to show what any verifier with this API can
// reach against the baseline.
//
// pnpm --filter @gatekit/webhooks bench

import * as crypto from "node:crypto";
import { createHash } from "node:crypto";
import { signSync, verifySync } from "@gatekit/signature/node";
import { checkClock, formatAuthorization, parseAuthorization, verify } from "@gatekit/signature";
import { bench, describe } from "vitest";
import { bodyText, parseNotification, requireRawBody } from "../src/body.js";
import { secretsOf } from "../src/config.js";
import { verifyNotification, type NonceStore } from "../src/index.js";
import { comparison, ratio, type Throughputs } from "./compare.js";
import { standardWebhooksPeer, stripePeer } from "./peers.js";

const appId = "483f6c9c743b4a9bbd34bee0c9c81eb7";
const appSecret = "19200e1478524aceb629acbc570d15d3";
const notifyUrl = "https://merchant.example.com/payments/gateway/notify";
const timestamp = "1764201600000";
const nonce = "5f2b9c1d7e3a4b6c8d0e1f2a3b4c5d6e";

const data = {
  paymentNo: "PAY20261127105044000001",
  merchantTradeNo: "MTU-20261127-000000001",
  amount: "1250.00",
  currency: "INR",
  status: "PAID",
  refundStatus: "NONE",
  rrn: "633112345678",
  merchantAttach: "",
  createdTime: "2026-11-27T10:50:44.123+08:00",
  paidTime: "2026-11-27T10:52:03+08:00",
};
const padding = 1024 - JSON.stringify({ code: "OK", errorMessage: null, data }).length;
data.merchantAttach = "cart=8842;campaign=diwali-2026;channel=web;".padEnd(padding, "x");
const body = JSON.stringify({ code: "OK", errorMessage: null, data });
if (Buffer.byteLength(body) !== 1024)
  throw new Error(`the benchmark body should be 1024 bytes, is ${Buffer.byteLength(body)}`);
const bytes = new Uint8Array(Buffer.from(body));

const sign = signSync({ appId, appSecret, url: notifyUrl, timestamp, nonce, body });
const authorization = formatAuthorization({ appId, sign, timestamp, nonce });
const content = `${appId}\n${appSecret}\nPOST\n${notifyUrl}\n${timestamp}\n${nonce}\n${body}\n`;
const options = { body, authorization, notifyUrl, appId, appSecret, now: Number(timestamp) };
const bytesOptions = { ...options, body: bytes };
// A store that finds every nonce fresh: the cost of the check, not of a replay.
const alwaysFresh: NonceStore = { claim: () => true };
const storeOptions = { ...options, nonceStore: alwaysFresh };

const run = { time: 2000, warmupTime: 500 };

describe("verify a 1 KB payment notification", () => {
  bench(
    "baseline: createHash(content) + JSON.parse(body)",
    () => {
      createHash("sha256").update(content).digest("hex");
      JSON.parse(body);
    },
    run,
  );
  bench(
    "verifyNotification (string body)",
    async () => {
      await verifyNotification(options);
    },
    run,
  );
  bench(
    "verifyNotification (Uint8Array body)",
    async () => {
      await verifyNotification(bytesOptions);
    },
    run,
  );
  bench(
    "verifyNotification (string body, nonce store)",
    async () => {
      await verifyNotification(storeOptions);
    },
    run,
  );
});

const row = {
  floor: "floor: createHash(content) + JSON.parse(body)",
  ours: "verifyNotification (string body)",
  constructEvent: "stripe webhooks.constructEvent",
  constructEventAsync: "stripe webhooks.constructEventAsync",
  standard: "standardwebhooks Webhook.verify",
} as const;

function reportPeers(hz: Throughputs): void {
  const of = (name: string) => hz.get(name) ?? Number.NaN;
  const ours = of(row.ours);
  const peers = [row.constructEvent, row.constructEventAsync, row.standard];
  const fastest = peers.reduce((best, name) => (of(name) > of(best) ? name : best));
  const lines = Object.values(row).map(
    (name) =>
      `  ${name.padEnd(48)} ${Math.round(of(name)).toLocaleString("en-US").padStart(11)} ` +
      `ops/s  ${ratio(of(name), of(row.floor))} of the floor`,
  );
  const targets: [string, boolean][] = [
    [
      `verifyNotification / fastest peer (${fastest}) = ${ratio(ours, of(fastest))}, target ≥ 1.20x`,
      ours >= 1.2 * of(fastest),
    ],
    [
      `verifyNotification / Standard Webhooks = ${ratio(ours, of(row.standard))}, target ≥ 3.00x`,
      ours >= 3 * of(row.standard),
    ],
    [`verifyNotification / floor = ${ratio(ours, of(row.floor))}`, true],
  ];
  console.log(
    [
      `\nverify a 1 KB notification against the peers (node ${process.version}, one run):`,
      ...lines,
      ...targets.map(([what, met]) => `${met ? "✓" : "✗"} ${what}`),
    ].join("\n"),
  );
}

const stripe = await stripePeer(body, Number(timestamp));
const standard = await standardWebhooksPeer(body);

describe("against the peers: each verifies the same 1 KB body signed for its own scheme", () => {
  const measured = comparison(Object.values(row), reportPeers);
  bench(
    row.floor,
    () => {
      createHash("sha256").update(content).digest("hex");
      JSON.parse(body);
    },
    measured(row.floor, run),
  );
  bench(
    row.ours,
    async () => {
      await verifyNotification(options);
    },
    measured(row.ours, run),
  );
  bench(
    row.constructEvent,
    () => {
      stripe.constructEvent();
    },
    measured(row.constructEvent, run),
  );
  bench(
    row.constructEventAsync,
    async () => {
      await stripe.constructEventAsync();
    },
    measured(row.constructEventAsync, run),
  );
  bench(
    row.standard,
    () => {
      standard.verify();
    },
    measured(row.standard, run),
  );
});

describe("where the time goes (the same notification)", () => {
  const verifyInput = { appId, appSecret, method: "POST", url: notifyUrl, timestamp, nonce, body, sign };
  bench(
    "baseline: createHash(content) + JSON.parse(body)",
    () => {
      createHash("sha256").update(content).digest("hex");
      JSON.parse(body);
    },
    run,
  );
  bench(
    "@gatekit/signature parseAuthorization(header)",
    () => {
      parseAuthorization(authorization);
    },
    run,
  );
  bench(
    "@gatekit/signature verify (hash + constant-time compare)",
    async () => {
      await verify(verifyInput);
    },
    run,
  );
  bench(
    "JSON.parse(body)",
    () => {
      JSON.parse(body);
    },
    run,
  );
});

// verifyNotification's checks in its order, inlined, without option defaults, key rotation or
// the messages of the refusals (a refusal here just throws).
function everyCheckInline() {
  secretsOf(options);
  requireRawBody(body);
  const parts = parseAuthorization(authorization);
  if (parts.appId !== appId) throw new Error("appId");
  if (!checkClock(parts.timestamp, { now: options.now }).ok) throw new Error("clock");
  const input = {
    appId,
    appSecret,
    method: "POST",
    url: notifyUrl,
    timestamp: parts.timestamp,
    nonce: parts.nonce,
    body,
    sign: parts.sign,
  };
  if (!verifySync(input)) throw new Error("sign");
  return parseNotification(bodyText(body), Number(parts.timestamp), parts.nonce);
}

describe("the ceiling: hand-written verifiers (the same notification)", () => {
  bench(
    "baseline: createHash(content) + JSON.parse(body)",
    () => {
      createHash("sha256").update(content).digest("hex");
      JSON.parse(body);
    },
    run,
  );
  bench(
    "async, no checks: one-shot hash + JSON.parse",
    async () => {
      await (async () => {
        crypto.hash("sha256", content, "hex");
        return JSON.parse(body) as unknown;
      })();
    },
    run,
  );
  bench(
    "sync, every check inlined",
    () => {
      everyCheckInline();
    },
    run,
  );
  bench(
    "async, every check inlined",
    async () => {
      await (async () => everyCheckInline())();
    },
    run,
  );
});
