// The other verifiers a merchant could use instead, set up on the same 1 KB body, each with a
// header signed for its own scheme: Stripe's (HMAC-SHA256 over `timestamp.payload`, hex, in a
// `t=…,v1=…` header) and Standard Webhooks' (HMAC-SHA256 over `id.timestamp.payload`, base64, in
// three webhook-* headers). Their packages are devDependencies of this folder only
// (bench/package.json), never of a published package.

import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import Stripe from "stripe";

/** A peer's verifiers, each returning the parsed body of the notification it accepted. */
export type Verifiers<Names extends string> = Record<Names, () => unknown>;

/** Throws unless every verifier accepts its notification: a bench must time the success path. */
async function accepted<Names extends string>(verifiers: Verifiers<Names>, body: string): Promise<Verifiers<Names>> {
  for (const [name, verifier] of Object.entries<() => unknown>(verifiers)) {
    if (JSON.stringify(await verifier()) !== body)
      throw new Error(`${name} did not return the benchmark's notification`);
  }
  return verifiers;
}

/** Stripe's verifiers over `body`; `receivedAt` (ms) pins its clock to `timestampMs`, as `now` does ours. */
export function stripePeer(
  body: string,
  timestampMs: number,
): Promise<Verifiers<"constructEvent" | "constructEventAsync">> {
  // The key is never used: the webhook helpers make no request.
  const stripe = new Stripe("sk_test_bench_never_sent");
  const secret = `whsec_${randomBytes(24).toString("hex")}`;
  const header = stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: Math.floor(timestampMs / 1000),
  });
  return accepted(
    {
      constructEvent: () => stripe.webhooks.constructEvent(body, header, secret, undefined, undefined, timestampMs),
      constructEventAsync: () =>
        stripe.webhooks.constructEventAsync(body, header, secret, undefined, undefined, timestampMs),
    },
    body,
  );
}

/** Standard Webhooks' verifier over `body`, signed now (its verify reads the clock itself). */
export function standardWebhooksPeer(body: string): Promise<Verifiers<"verify">> {
  const webhook = new Webhook(`whsec_${randomBytes(24).toString("base64")}`);
  const id = `msg_${randomBytes(12).toString("hex")}`;
  const signedAt = new Date();
  const headers = {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(signedAt.getTime() / 1000)),
    "webhook-signature": webhook.sign(id, signedAt, body),
  };
  return accepted({ verify: () => webhook.verify(body, headers) }, body);
}
