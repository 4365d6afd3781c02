// The page shown when something went wrong: what happened, and what to do about it. The gateway's
// errors carry its code and message and the request's nonce, never the secret or a signature.

import type { GatewayError } from "@gatekit/client";
import { html } from "hono/html";
import { type Html, layout } from "./layout.js";

/** A page saying what went wrong (`message`) and what to do next (`hint`). */
export function errorPage(title: string, message: string, hint: string): Html {
  return layout(
    title,
    html`<h1>${title}</h1>
<section class="error">
<p data-field="error">${message}</p>
<p class="note">${hint}</p>
</section>
<p><a href="/orders">See all orders</a> · <a href="/">Back to the products</a></p>`,
  );
}

/** What the shop says about an error from the gateway client, by its `type`. */
export function describeGatewayError(
  error: GatewayError,
  gatewayBaseUrl: string,
): { readonly message: string; readonly hint: string } {
  const quoted = error.nonce ? ` Quote request nonce ${error.nonce} when asking the gateway about it.` : "";
  switch (error.type) {
    case "AuthenticationError":
      return {
        message: `The gateway refused the shop's signature (${error.code ?? "HTTP 401"}).`,
        hint:
          "GATEKIT_APP_ID and GATEKIT_APP_SECRET must be a pair the gateway knows; " +
          "`npm start` gives both processes the same pair.",
      };
    case "ConnectionError":
      return {
        message: `The gateway could not be reached at ${gatewayBaseUrl}.`,
        hint: "Check that it is running and that GATEWAY_BASE_URL points at it, then try again.",
      };
    case "TimeoutError":
      return {
        message: "The gateway did not answer in time.",
        hint: `Try again: creating is idempotent, so a retry cannot charge twice.${quoted}`,
      };
    case "ServerError":
      return {
        message: `The gateway had a fault (HTTP ${error.httpStatus ?? "5xx"}).`,
        hint: `Try again in a moment: creating is idempotent.${quoted}`,
      };
    case "ResponseSignatureError":
      return {
        message: "The gateway's answer did not carry a valid signature, so the shop did not trust it.",
        hint: `Check that GATEWAY_BASE_URL is the gateway you meant.${quoted}`,
      };
    case "GatewayError":
      return {
        message: `The gateway refused: ${error.code ?? "error"}${error.errorMessage ? `: ${error.errorMessage}` : ""}.`,
        hint: `Nothing was created.${quoted}`,
      };
  }
}
