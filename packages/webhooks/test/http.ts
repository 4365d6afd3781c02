// Loopback servers for the adapter tests: every server listens on 127.0.0.1 with a port the
// system picks, and is closed after its test file.

import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { signNotification, type NotificationKind, type SignedNotification } from "../src/index.js";
import { appId, appSecret, examples, notifyUrl } from "./fixtures.js";

/** The configuration every adapter test uses. */
export const config: { readonly notifyUrl: string; readonly appId: string; readonly appSecret: string } = { notifyUrl, appId, appSecret };

/** Starts `server` on 127.0.0.1 and an ephemeral port; resolves to its base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return baseUrl(server);
}

/** The base URL of a listening server. */
export function baseUrl(server: Server): string {
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Closes a server, dropping idle keep-alive connections so that it closes at once. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** A freshly signed notification of `kind`. */
export async function fresh(kind: NotificationKind = "payment"): Promise<SignedNotification> {
  return signNotification({ ...config, data: examples[kind] });
}

export interface Reply {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

/** POSTs a signed notification (or anything else) to `url` as the gateway would. */
export async function post(
  url: string,
  n: { readonly body: SignedNotification["body"]; readonly headers: Readonly<Record<string, string>> },
  headers: Record<string, string> = {},
): Promise<Reply> {
  const response = await fetch(url, { method: "POST", headers: { ...n.headers, ...headers }, body: n.body as BodyInit });
  return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
}

/** The reason in a refusal's JSON body. */
export function reasonOf(reply: Reply): unknown {
  return (JSON.parse(reply.text) as { reason?: unknown }).reason;
}
