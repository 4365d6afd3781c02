// The merchant's answer. The gateway counts a delivery as done only on HTTP 200 with the
// acknowledgement; any other status or body is a failure and is retried, freshly signed. The
// acknowledgement and what counts as one are @gatekit/types' (wire/ack.ts), shared with the gateway.

import { ACK } from "@gatekit/types";
import type { WebhookVerificationError } from "./errors.js";

export { ACK };

/** The headers of every answer this package sends. */
export const JSON_HEADERS: Readonly<Record<"content-type", string>> = { "content-type": "application/json" };

/** The acknowledgement as a Fetch `Response`: HTTP 200, `{"code":"OK"}`, JSON. */
export function ackResponse(): Response {
  return new Response(ACK, { status: 200, headers: JSON_HEADERS });
}

/**
 * The body of a refusal: `{"reason":…,"message":…}`. The gateway ignores it; it is for whoever
 * tests the endpoint by hand. The message never contains a secret or the expected sign.
 */
export function rejectionBody(error: WebhookVerificationError): string {
  return JSON.stringify({ reason: error.reason, message: error.message });
}

/** A refusal as a Fetch `Response`, with the error's status (401, 400 or 413) and {@link rejectionBody}. */
export function rejectionResponse(error: WebhookVerificationError): Response {
  return new Response(rejectionBody(error), { status: error.status, headers: JSON_HEADERS });
}
