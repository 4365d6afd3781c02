// The response envelope `{ code, errorMessage, data }`: decide by the HTTP status first, then by
// `code`, as the contract says. Reads the raw bytes the transport verified, so the JSON that
// becomes `data` is exactly the JSON that was signed.

import { readEnvelope, ResponseCodes, type WireEnvelope as Envelope } from "@gatekit/types";
import { AuthenticationError, GatewayError, type GatewayErrorDetails, ServerError } from "./errors.js";
import { decode, type Exchange } from "./transport.js";

/**
 * The `data` of a successful call, or the typed error for anything else: a business code (HTTP 200,
 * `code` not `OK`) → GatewayError; 401 → AuthenticationError; 5xx → ServerError; any other status,
 * or a 200 whose body is not an envelope → GatewayError.
 */
export function openEnvelope(exchange: Exchange): unknown {
  const { status, body, url } = exchange;
  const envelope = body === undefined ? undefined : parseEnvelope(body);
  // The common case first, before anything is built for an error.
  if (
    status === 200 &&
    envelope?.code === ResponseCodes.OK &&
    typeof envelope.data === "object" &&
    envelope.data !== null
  )
    return envelope.data;
  const details: GatewayErrorDetails = {
    code: envelope?.code,
    errorMessage: envelope?.errorMessage,
    httpStatus: status,
    nonce: exchange.nonce,
    rawBody: body === undefined ? undefined : decode(body),
    attempts: exchange.attempts,
    url,
    retryAfterMs: exchange.retryAfterMs,
  };
  const call = `POST ${url}`;

  if (status === 200) {
    if (envelope === undefined) {
      throw new GatewayError(
        `The gateway answered ${call} with HTTP 200, but the body is not ` +
          `the {"code", "errorMessage", "data"} envelope in UTF-8 JSON; ` +
          `see rawBody, and check that baseUrl points at the gateway's API.`,
        details,
      );
    }
    if (envelope.code === ResponseCodes.OK)
      throw new GatewayError(`The gateway answered ${call} with code OK but no data object; see rawBody.`, details);
    const step = nextStep(envelope.code);
    throw new GatewayError(
      `The gateway refused ${call}: ${envelope.code}${explain(envelope)}.${step === undefined ? "" : ` ${step}`}`,
      details,
    );
  }
  const code =
    envelope === undefined ? "" : `, ${envelope.code}${envelope.errorMessage ? `: ${envelope.errorMessage}` : ""}`;
  if (status === 401) {
    throw new AuthenticationError(
      `The gateway did not accept the signature of ${call} ` +
        `(HTTP 401${code}). ${nextStep(envelope?.code) ?? AUTH_DEFAULT}`,
      details,
    );
  }
  if (status !== undefined && status >= 500) {
    const attempts = exchange.attempts > 1 ? ` after ${exchange.attempts} attempts` : "";
    throw new ServerError(
      `The gateway failed on ${call} (HTTP ${status}${code})${attempts}. The outcome is unknown: ` +
        `retry a create with the same merchantTradeNo / merchantRefundNo and content, or query it.`,
      details,
    );
  }
  throw new GatewayError(`The gateway answered ${call} with HTTP ${status}${code}. ${statusHint(status)}`, details);
}

// By the strict rules every package shares (wire/ in @gatekit/types): the gateway writes UTF-8
// JSON, and anything else is a broken body, not text to guess at. A missing errorMessage or data
// reads as null, so that an answer lacking one still reports its code.
function parseEnvelope(bytes: Uint8Array): Envelope | undefined {
  const read = readEnvelope(bytes, { missingAsNull: true });
  return read.ok ? read.envelope : undefined;
}

function explain(envelope: Envelope): string {
  return envelope.errorMessage ? ` (${envelope.errorMessage})` : "";
}

const AUTH_DEFAULT = "Check appId, appSecret and baseUrl, then send the call again: a new signature is made for it.";

// What to do next, for the codes whose remedy is on the merchant's side of the integration. The
// gateway's errorMessage says what is wrong; this says where to look.
const NEXT_STEPS: Readonly<Record<string, string>> = {
  [ResponseCodes.SignFailed]:
    "The signature does not match: check that appSecret belongs to this appId and environment, " +
    "and that baseUrl (with its path prefix, such as /pg) is the URL the gateway sees.",
  [ResponseCodes.SignTimeout]:
    "The timestamp is outside the gateway's 5-minute window or the nonce was reused: sync this machine's clock (NTP).",
  [ResponseCodes.AppIdNotFound]:
    "The gateway does not know this appId: check it, " +
    "and that baseUrl is the environment (sandbox or production) it belongs to.",
  [ResponseCodes.InvalidAppId]: "This appId is invalid or disabled: check it, or contact the gateway.",
  [ResponseCodes.AuthFailed]: "This appId may not call this operation: ask the gateway to enable it for your account.",
  [ResponseCodes.AuthorizationHeaderNotFound]:
    "The Authorization header did not arrive: something between this client and the gateway removes it.",
  [ResponseCodes.InvalidSign]:
    "The Authorization header arrived malformed: something between this client and the gateway rewrites it.",
  [ResponseCodes.RequestParameterError]: "Fix the field named in the message; sending it unchanged will fail again.",
  [ResponseCodes.IllegalUrl]: "Use a notifyUrl / returnUrl the gateway accepts for your account (HTTPS).",
  [ResponseCodes.PaymentDuplicateTradeNo]:
    "Use a new merchantTradeNo, or resend the original content to get the original payment.",
  [ResponseCodes.RefundDuplicateRefundNo]:
    "Use a new merchantRefundNo, or resend the original content to get the original refund.",
  [ResponseCodes.PayoutDuplicateTradeNo]:
    "Use a new merchantTradeNo, or resend the original content to get the original payout.",
};

function nextStep(code: string | undefined): string | undefined {
  return code === undefined ? undefined : NEXT_STEPS[code];
}

function statusHint(status: number | undefined): string {
  if (status === 404)
    return (
      "No operation at this URL: check that baseUrl includes the " +
      "gateway's path prefix (such as https://gateway.example.com/pg)."
    );
  if (status === 405) return "The gateway's operations accept POST only.";
  if (status === 413) return "The request body is larger than the gateway accepts (1 MiB).";
  if (status !== undefined && status >= 300 && status < 400)
    return "The gateway does not redirect its API: check baseUrl (scheme, host and path prefix).";
  return "See rawBody for the gateway's answer.";
}
