// The forgeries: notifications the gateway never signed, or signed for something else, each
// derived from a genuine one by the gateway's own signing with one thing changed. All must be
// refused, and the order (PENDING at the gateway) must stay PENDING.

import { randomBytes } from "node:crypto";
import {
  type SignInput,
  canonicalContent,
  createNonce,
  createTimestamp,
  formatAuthorization,
  parseAuthorization,
  signSync,
} from "@gatekit/signature/node";
import { paidClaim, tamperedAmount } from "./bodies.js";
import type { CaseContext } from "./context.js";
import { extendSha256 } from "./sha256.js";
import type { OutgoingRequest } from "./transport.js";
import { type Verdict, refusedUnchanged } from "./verdict.js";

/** forged-wrong-secret */
export async function wrongSecret(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  return refusedUnchanged(ctx, order, [
    await ctx.deliver(order, { body: paidClaim(order.pending), appSecret: randomBytes(24).toString("base64url") }),
  ]);
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
  const rewrite = (request: OutgoingRequest) => ({
    ...request,
    body: JSON.stringify(JSON.parse(String(request.body)), null, 2),
  });
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
const MALFORMED: ReadonlyArray<
  readonly [string, (parts: { appId: string; sign: string; timestamp: string; nonce: string }) => string]
> = [
  ["lowercase scheme", (p) => `v2_sha256 appId=${p.appId},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce}`],
  ["two spaces", (p) => `V2_SHA256  appId=${p.appId},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce}`],
  [
    "repeated sign",
    (p) => `V2_SHA256 appId=${p.appId},sign=${"0".repeat(64)},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce}`,
  ],
  [
    "unknown parameter",
    (p) => `V2_SHA256 appId=${p.appId},sign=${p.sign},timestamp=${p.timestamp},nonce=${p.nonce},extra=1`,
  ],
];

/** forged-malformed-authorization */
export async function malformedAuthorization(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const body = paidClaim(order.pending);
  const deliveries = [];
  // One after the other: each is signed with its own nonce, so none is refused as a replay.
  for (const [, header] of MALFORMED) {
    const rewrite = (request: OutgoingRequest) => ({
      ...request,
      headers: { ...request.headers, authorization: header(parseAuthorization(request.headers["authorization"])) },
    });
    deliveries.push(await ctx.deliver(order, { body, rewrite }));
  }
  return refusedUnchanged(ctx, order, deliveries, { labels: MALFORMED.map(([label]) => label) });
}

/** A length-extended notification: the forged body and the sign that verifies it. */
export interface ExtendedNotification {
  readonly body: Uint8Array;
  readonly sign: string;
}

/**
 * Extends a genuine notification (its signed content and its sign) with `suffix`, knowing the
 * secret's length but not using the secret: the content is content ‖ padding ‖ suffix, which,
 * read back as V2_SHA256 content, is the same head with the body body ‖ "\n" ‖ padding ‖ suffix
 * minus its last "\n". `suffix` must end with "\n".
 */
export function extendNotification(
  signed: SignInput & { readonly body: string },
  sign: string,
  secretLength: number,
  suffix: string,
): ExtendedNotification {
  if (!suffix.endsWith("\n")) throw new RangeError("suffix must end with a line end, the content's last byte.");
  // Every byte of the content is known but the secret's, whose length alone matters here.
  const length = canonicalContent({ ...signed, appSecret: "x".repeat(secretLength) }).byteLength;
  const tail = Buffer.from(suffix, "utf8");
  const { glue, digest } = extendSha256(sign, length, tail);
  return {
    body: Buffer.concat([Buffer.from(`${signed.body}\n`, "utf8"), glue, tail.subarray(0, tail.byteLength - 1)]),
    sign: digest,
  };
}

/** forged-length-extension */
export async function lengthExtension(ctx: CaseContext): Promise<Verdict> {
  const order = await ctx.order("pending");
  const { appId, appSecret } = ctx.settings.merchant;
  // A genuine notification as an attacker on the path captured it, never delivered, extended
  // with a second copy of itself: a parser that reads the last JSON value would take that one.
  const body = paidClaim(order.pending);
  const timestamp = createTimestamp();
  const nonce = createNonce();
  const signed = { appId, appSecret, method: "POST", url: order.notifyUrl, timestamp, nonce, body };
  const forged = extendNotification(signed, signSync(signed), Buffer.byteLength(appSecret), `${body}\n`);
  const rewrite = (request: OutgoingRequest) => ({
    ...request,
    body: forged.body,
    headers: { ...request.headers, authorization: formatAuthorization({ appId, sign: forged.sign, timestamp, nonce }) },
  });
  return refusedUnchanged(ctx, order, [await ctx.deliver(order, { body, rewrite })]);
}
