// The forgeries: notifications the gateway never signed, or signed for something else, each
// derived from a genuine one by the gateway's own signing with one thing changed. All must be
// refused, and the order (PENDING at the gateway) must stay PENDING.

import { createHash, randomBytes } from "node:crypto";
import { canonicalContent, createNonce, createTimestamp, formatAuthorization, parseAuthorization, signSync } from "@gatekit/signature/node";
import { paidClaim, tamperedAmount } from "./bodies.js";
import type { CaseContext } from "./context.js";
import { extendSha256 } from "./sha256.js";
import type { OutgoingRequest } from "./transport.js";
import { type Verdict, refusedUnchanged } from "./verdict.js";

/** forged-wrong-secret */
export async function wrongSecret(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body: paidClaim(order.pending), appSecret: randomBytes(24).toString("base64url") })]);
}

/** forged-tampered-byte */
export async function tamperedByte(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const rewrite = (request: OutgoingRequest) => ({ ...request, body: tamperedAmount(String(request.body)) });
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body: paidClaim(order.pending), rewrite })]);
}

/** forged-reserialized-body */
export async function reserializedBody(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const rewrite = (request: OutgoingRequest) => ({ ...request, body: JSON.stringify(JSON.parse(String(request.body)), null, 2) });
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body: paidClaim(order.pending), rewrite })]);
}

/** forged-other-url */
export async function otherUrl(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const signedUrl = new URL("/another/notify", order.notifyUrl).href;
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body: paidClaim(order.pending), signedUrl })]);
}

/** forged-other-app-id */
export async function otherAppId(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const appId = `${ctx.settings.merchant.appId.slice(0, 50)}-other`;
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body: paidClaim(order.pending), appId })]);
}

/** forged-missing-authorization */
export async function missingAuthorization(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const rewrite = (request: OutgoingRequest) => {
    const { authorization: _dropped, ...headers } = request.headers;
    return { ...request, headers };
  };
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body: paidClaim(order.pending), rewrite })]);
}

/** The malformed headers, each around a valid sign: [label, header from its valid parts]. */
const MALFORMED: ReadonlyArray<readonly [string, (parts: { appId: string; sign: string; timestamp: string; nonce: string }) => string]> = [
  ["lowercase scheme", (p) => `v2_sha256 appId=${p.appId},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce}`],
  ["two spaces", (p) => `V2_SHA256  appId=${p.appId},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce}`],
  ["repeated sign", (p) => `V2_SHA256 appId=${p.appId},sign=${"0".repeat(64)},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce}`],
  ["unknown parameter", (p) => `V2_SHA256 appId=${p.appId},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce},extra=1`],
];

/** forged-malformed-authorization */
export async function malformedAuthorization(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const body = paidClaim(order.pending);
  const deliveries = [];
  // One after the other: each is signed with its own nonce, so none is refused as a replay.
  for (const [, header] of MALFORMED) {
    const rewrite = (request: OutgoingRequest) => ({ ...request, headers: { ...request.headers, authorization: header(parseAuthorization(request.headers["authorization"])) } });
    deliveries.push(await ctx.deliver(order, { body, rewrite }));
  }
  return refusedUnchanged(ctx, order, deliveries, { labels: MALFORMED.map(([label]) => label) });
}

/** forged-length-extension */
export async function lengthExtension(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const { appId, appSecret } = ctx.settings.merchant;
  // A genuine notification as an attacker on the path captured it, never delivered. Only its
  // sign and the content's length (the secret's length is the one unknown, and small) are used.
  const body = paidClaim(order.pending);
  const timestamp = createTimestamp();
  const nonce = createNonce();
  const signed = { appId, appSecret, method: "POST", url: order.notifyUrl, timestamp, nonce, body };
  const sign = signSync(signed);
  const length = canonicalContent(signed).byteLength;
  // The extended content is content ‖ padding ‖ suffix; read back as V2_SHA256 content, its body
  // is body ‖ "\n" ‖ padding ‖ suffix without its last "\n".
  const suffix = Buffer.from(`${body}\n`, "utf8");
  const { glue, digest } = extendSha256(sign, length, suffix);
  const forgedBody = Buffer.concat([Buffer.from(`${body}\n`, "utf8"), glue, suffix.subarray(0, suffix.byteLength - 1)]);
  // The forged sign is the sign of the extended content: a check against the secret would pass.
  const check = createHash("sha256").update(canonicalContent({ ...signed, body: forgedBody })).digest("hex");
  if (check !== digest) throw new Error("the length extension did not produce the sign of the extended content");
  const rewrite = (request: OutgoingRequest) => ({ ...request, body: forgedBody, headers: { ...request.headers, authorization: formatAuthorization({ appId, sign: digest, timestamp, nonce }) } });
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body, rewrite })]);
}
