// What the gateway's Hono handlers share about one request.

import type { MerchantRecord } from "../storage/merchants.js";

/** The per-request variables. */
export interface GatewayVariables {
  /** This request's id: echoed in `X-Request-Id`, logged, and quoted in 500 messages. */
  requestId: string;
  /** The merchant the request named, once known: its secret signs the response. */
  merchant: MerchantRecord | undefined;
  /** The URL the client signed, which the response is signed over too. */
  signedUrl: string | undefined;
  /** The envelope's code, for the request log. */
  responseCode: string | undefined;
  /**
   * Set by the signing middleware: the response's Authorization header value for an envelope's
   * exact text, or undefined when no merchant is known. The envelope writer calls it.
   */
  signer: ((body: string) => string | undefined) | undefined;
  /** Set by the authentication middleware once the request's signature checked out. */
  auth: AuthenticatedRequest | undefined;
}

/** A request whose signature, appId and clock checked out (the nonce is checked in its transaction). */
export interface AuthenticatedRequest {
  readonly merchant: MerchantRecord;
  readonly nonce: string;
  /** The request's timestamp, epoch ms. */
  readonly timestamp: number;
  /** The exact body bytes that were signed. */
  readonly body: Uint8Array;
}

/** The Hono environment of the gateway's app. `incoming` is set when served by @hono/node-server. */
export interface GatewayEnv {
  Variables: GatewayVariables;
  Bindings: { incoming?: { socket?: { remoteAddress?: string | undefined } } };
}
