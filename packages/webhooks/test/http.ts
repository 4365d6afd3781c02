// What the adapter tests send: a notification signed for the one test merchant, POSTed as the
// gateway would, and the reason a refusal gives.

import type { Reply } from "@gatekit/testing";
import { signNotification, type NotificationKind, type SignedNotification } from "../src/index.js";
import { appId, appSecret, examples, notifyUrl } from "./fixtures.js";

/** The configuration every adapter test uses. */
export const config: { readonly notifyUrl: string; readonly appId: string; readonly appSecret: string } = {
  notifyUrl,
  appId,
  appSecret,
};

/** A freshly signed notification of `kind`. */
export async function fresh(kind: NotificationKind = "payment"): Promise<SignedNotification> {
  return signNotification({ ...config, data: examples[kind] });
}

/** POSTs a signed notification (or anything else) to `url` as the gateway would. */
export async function post(
  url: string,
  n: { readonly body: SignedNotification["body"]; readonly headers: Readonly<Record<string, string>> },
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(url, {
    method: "POST",
    headers: { ...n.headers, ...headers },
    body: n.body as BodyInit,
  });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

/** The reason in a refusal's JSON body. */
export function reasonOf(reply: Reply): unknown {
  return (JSON.parse(reply.text) as { reason?: unknown }).reason;
}
