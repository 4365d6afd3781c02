// Runs the shop: reads the configuration, opens the orders database, serves on 127.0.0.1 with
// @hono/node-server, prints where everything is, and on SIGINT or SIGTERM stops accepting,
// finishes the requests in flight and closes the database (a second signal exits at once).

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createShopApp } from "./app.js";
import { ConfigError, loadConfig, shopUrls } from "./config.js";
import { connectGateway } from "./gateway.js";
import { OrderStore } from "./orders.js";

/** How long requests in flight get to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;
const HOST = "127.0.0.1";

function log(line: string): void {
  console.log(`[shop] ${line}`);
}

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`demo-merchant: ${error.message}`);
    process.exit(2);
  }
  const dbPath = config.dbPath === ":memory:" ? config.dbPath : resolve(config.dbPath);
  const orders = new OrderStore(dbPath);
  const gateway = connectGateway(config);

  // The app needs the public URL, which (without SHOP_PUBLIC_URL) is known only once listening.
  let app: Hono | undefined;
  const server = serve({
    fetch: (request, env) => (app ? app.fetch(request, env) : new Response("starting", { status: 503 })),
    port: config.port,
    hostname: HOST,
  }) as Server;

  server.once("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `demo-merchant: port ${config.port} on ${HOST} is in use: ` +
            "stop what uses it, or set PORT to another port (0 picks a free one)."
        : `demo-merchant: cannot listen on ${HOST}:${config.port}: ${error.message}`,
    );
    orders.close();
    process.exit(1);
  });

  server.once("listening", () => {
    const { port } = server.address() as AddressInfo;
    const publicUrl = config.publicUrl ?? `http://${HOST}:${port}`;
    app = createShopApp({ config: { ...config, publicUrl }, orders, gateway, log });
    process.stdout.write(
      [
        "Gatekit demo shop",
        `  Shop URL        ${publicUrl}/`,
        `  Orders          ${publicUrl}/orders`,
        `  Notify URL      ${shopUrls(publicUrl).notifyUrl}`,
        `  Gateway         ${config.gatewayBaseUrl}  (appId ${config.appId})`,
        `  Database        ${dbPath}`,
        "",
      ].join("\n"),
    );
  });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: finishing requests in flight, then stopping`);
    // Idle keep-alive sockets would hold close() open; requests in flight get the grace period.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    idle.unref();
    force.unref();
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      orders.close();
      log("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main();
