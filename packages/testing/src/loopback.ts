// Servers for tests listen on 127.0.0.1 only, on a port the system picks, so that suites run in
// parallel and nothing is reachable from off the machine.

import type { Server } from "node:http";
import { type AddressInfo, createServer } from "node:net";

/** Starts `server` on 127.0.0.1 and a port the system picks; resolves to its base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return baseUrl(server);
}

/** The base URL (`http://127.0.0.1:<port>`) of a listening server. */
export function baseUrl(server: Server): string {
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Closes a server, dropping idle keep-alive connections so that it closes at once. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections?.();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

/** A loopback port nothing listens on right now (it was free when probed). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
