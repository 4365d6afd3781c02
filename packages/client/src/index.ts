// The universal entry: no Node built-in in its import graph, for Deno, Bun and edge runtimes
// (server side only: the client holds the app secret). Under Node, the package's "node" export
// condition picks index.node.ts instead, which adds the `ca` option.

import { signRequest, verify } from "@gatekit/signature";
import { createClient, type GatewayClient } from "./client.js";
import type { GatewayClientOptions } from "./options.js";

export * from "./common.js";

/**
 * The typed client for the gateway's V2 API: `payments.create`, `payments.query`,
 * `refunds.create`, `payouts.create`, `payouts.query`, `balance.query`, each resolving to the
 * operation's `data` or rejecting with a typed error, and `raw` (openapi-fetch). Every attempt is
 * signed afresh, response signatures are verified, failures that are safe to retry are retried.
 */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  return createClient(options, { fetchWithCa: caUnsupported, signature: { signRequest, verify } });
}

function caUnsupported(): never {
  throw new TypeError(
    "The ca option needs Node (it sends through undici with that CA). In this runtime, " +
      "pass a fetch whose TLS settings trust the sandbox's CA instead.",
  );
}
