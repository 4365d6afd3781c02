// Serving a fetch handler over Node's HTTP or HTTPS with @hono/node-server, and closing it
// gracefully: stop accepting, let requests in flight finish, then drop idle keep-alive sockets.

import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { type HttpBindings, type ServerType, serve } from "@hono/node-server";

/** A fetch handler; `env` carries Node's request, for the client's address. */
export type FetchHandler = (request: Request, env: HttpBindings) => Response | Promise<Response>;

/** Options of {@link listen}. */
export interface ListenOptions {
  readonly fetch: FetchHandler;
  readonly port: number;
  readonly host: string;
  /** Serve HTTPS with this certificate and key. */
  readonly tls?: { readonly cert: string; readonly key: string } | undefined;
}

/** A listening server. */
export interface Listening {
  readonly server: ServerType;
  readonly port: number;
  /** The origin to reach it at, such as `http://127.0.0.1:8080` (a wildcard host shown as loopback). */
  readonly origin: string;
  /** Stops accepting, waits up to `graceMs` for requests in flight, then closes every socket. */
  close(graceMs?: number): Promise<void>;
}

/** Starts listening; rejects with the listen error (such as EADDRINUSE). */
export function listen(options: ListenOptions): Promise<Listening> {
  const { fetch, port, host, tls } = options;
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: fetch as never,
      port,
      hostname: host,
      ...(tls ? { createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } } : {}),
    });
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.once("listening", () => {
      server.off("error", onError);
      const address = server.address() as AddressInfo;
      resolve({
        server,
        port: address.port,
        origin: originOf(tls ? "https" : "http", host, address.port),
        close: (graceMs = 10_000) => closeGracefully(server, graceMs),
      });
    });
  });
}

/** The URL origin for a listening address; wildcard hosts are shown as the loopback address. */
export function originOf(scheme: "http" | "https", host: string, port: number): string {
  let shown = host;
  if (host === "0.0.0.0") shown = scheme === "https" ? "localhost" : "127.0.0.1";
  else if (host === "::" || host === "[::]") shown = scheme === "https" ? "localhost" : "[::1]";
  else if (host.includes(":") && !host.startsWith("[")) shown = `[${host}]`;
  return `${scheme}://${shown}:${port}`;
}

function closeGracefully(server: ServerType, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const http = server as import("node:http").Server;
    // Keep-alive sockets with no request in flight would hold close() open until they time out,
    // so idle ones are closed now and again as requests in flight finish.
    const idle = setInterval(() => http.closeIdleConnections?.(), 50);
    const force = setTimeout(() => http.closeAllConnections?.(), graceMs);
    idle.unref();
    force.unref();
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}
