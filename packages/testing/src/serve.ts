// Serves a fetch-style handler (`{ fetch(request) }`, the shape of @gatekit/server's gateway) on a
// real node:http or node:https server on 127.0.0.1, port 0. The Request the
// handler sees carries the URL the client called (scheme, Host, path), which is the URL the
// client signed. An interceptor may take over an exchange: that is how faults are injected.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";

/** Anything with a fetch-style handler, such as @gatekit/server's gateway. */
export interface FetchHandler {
  fetch(request: Request): Promise<Response>;
  close?(): unknown;
}

/** One exchange, as an interceptor sees it. */
export interface Interception {
  readonly request: Request;
  /** The raw request body. */
  readonly body: Uint8Array;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Hands the request to the handler and returns its response. */
  readonly forward: () => Promise<Response>;
}

/** Returns the response to write, or "handled" when it wrote (or destroyed) the connection itself. */
export type Interceptor = (exchange: Interception) => Promise<Response | "handled">;

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Serve HTTPS with this key and certificate (PEM). */
  readonly tls?: { readonly key: string; readonly cert: string } | undefined;
  readonly intercept?: Interceptor | undefined;
}

/** A running server. */
export interface Served {
  /** `http://127.0.0.1:<port>` (or https). */
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function serve(handler: FetchHandler, options: ServeOptions = {}): Promise<Served> {
  const scheme = options.tls ? "https" : "http";
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res, scheme, handler, options.intercept).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`test server failure: ${String(error)}`);
      } else {
        res.destroy();
      }
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${scheme}://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await handler.close?.();
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  scheme: string,
  handler: FetchHandler,
  intercept: Interceptor | undefined,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = new Uint8Array(Buffer.concat(chunks));
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const request = new Request(`${scheme}://${req.headers.host}${req.url}`, {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body }),
  });
  const forward = (): Promise<Response> => handler.fetch(request);
  const response = intercept ? await intercept({ request, body, req, res, forward }) : await forward();
  if (response === "handled") return;
  await write(res, response);
}

/** Writes a Response to a node response. */
export async function write(res: ServerResponse, response: Response): Promise<void> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (res.destroyed) return;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(bytes);
}
