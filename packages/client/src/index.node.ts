// The entry Node gets for "@gatekit/client" (export condition "node"): the universal API, plus the
// `ca` option, which sends through undici with an Agent that trusts the given CA.

import { signRequestSync, verifySync } from "@gatekit/signature/node";
import { fetchWithCa } from "./ca.node.js";
import { createClient, type GatewayClient } from "./client.js";
import type { GatewayClientOptions } from "./options.js";

export * from "./common.js";

// node:crypto without the awaits: signing is synchronous there, and this runs on every attempt.
const NODE_SIGNATURE = { signRequest: signRequestSync, verify: verifySync };

/**
 * The typed client for the gateway's V2 API: `payments.create`, `payments.query`,
 * `refunds.create`, `payouts.create`, `payouts.query`, `balance.query`, each resolving to the
 * operation's `data` or rejecting with a typed error, and `raw` (openapi-fetch). Every attempt is
 * signed afresh, response signatures are verified, failures that are safe to retry are retried.
 */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  return createClient(options, { fetchWithCa, signature: NODE_SIGNATURE });
}
