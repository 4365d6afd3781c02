// A merchant's notification endpoint on loopback for tests: it answers each request with the next
// status of a script (then acknowledges), and lets a test wait for the n-th request.

import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

/** A request the merchant received. */
export interface ReceivedNotification {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A running loopback merchant. */
export interface LoopbackMerchant {
  /** Its notifyUrl. */
  readonly url: string;
  readonly received: readonly ReceivedNotification[];
  /** Resolves with the n-th request (1-based) once it has arrived. */
  request(n: number): Promise<ReceivedNotification>;
}

/**
 * Starts a merchant that answers the statuses in `script` in turn, then 200 with the acknowledgement;
 * closed after the test.
 */
export async function loopbackMerchant(script: readonly number[] = []): Promise<LoopbackMerchant> {
  const received: ReceivedNotification[] = [];
  const waiters = new Map<number, (request: ReceivedNotification) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      const status = script[received.length - 1] ?? 200;
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(status === 200 ? '{"code":"OK"}' : '{"code":"BUSY"}');
      waiters.get(received.length)?.(request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/gateway/notify`,
    received,
    request(n) {
      const already = received[n - 1];
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.set(n, resolve));
    },
  };
}
