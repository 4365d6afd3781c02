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

/**
 * POSTs `totalBytes` in 64 KiB chunks without a Content-Length (chunked transfer encoding), as a
 * misbehaving sender streaming a huge body would, and returns the answer: the status line's code
 * and the body. Raw on a socket, so that a dropped connection shows as status 0 rather than as a
 * client-side error.
 */
export async function postChunked(url: string, totalBytes: number, headers: Readonly<Record<string, string>> = {}): Promise<Reply> {
  const { connect } = await import("node:net");
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    let received = "";
    let sent = 0;
    const chunk = "x".repeat(64 * 1024);
    const pump = () => {
      while (sent < totalBytes && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) return void socket.once("drain", pump);
      }
      if (!socket.destroyed) socket.write("0\r\n\r\n");
    };
    socket.on("connect", () => {
      const lines = Object.entries({ "content-type": "application/json", ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(`POST ${target.pathname} HTTP/1.1\r\nhost: ${target.host}\r\ntransfer-encoding: chunked\r\n` +
        `${lines.join("")}\r\n`);
      pump();
    });
    socket.on("data", (data) => (received += data.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      const [head = "", ...rest] = received.split("\r\n\r\n");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1] ?? null;
      const chunked = /\r\ntransfer-encoding: chunked/i.test(head);
      const raw = rest.join("\r\n\r\n");
      resolve({ status, contentType, text: chunked ? dechunk(raw) : raw });
    });
  });
}

function dechunk(raw: string): string {
  let text = "";
  let rest = raw;
  for (;;) {
    const end = rest.indexOf("\r\n");
    const size = Number.parseInt(rest.slice(0, end), 16);
    if (!(size > 0)) return text;
    text += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}
