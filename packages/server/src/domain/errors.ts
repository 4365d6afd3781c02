// A request the gateway processed but refuses: a business code (`Payment.Common.Not_Found`,
// `Common.Illegal_Url`...) answered with HTTP 200 and `data: null`. Domain functions throw it
// before their first write (or after undoing their writes), so the caller may still commit the
// transaction's other work, such as the request's nonce.

import { ResponseCodes } from "@gatekit/types";

/** A refusal with the gateway's code for it and a message that says what to do. */
export class GatewayError extends Error {
  /** Always `"GatewayError"`, to recognise the error without `instanceof`. */
  readonly type = "GatewayError";
  override readonly name = "GatewayError";
  /** The envelope's `code`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** True for a {@link GatewayError}. */
export function isGatewayError(value: unknown): value is GatewayError {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "GatewayError";
}

/** A field that passed the schema but breaks a business rule: `Common.Request_Parameter_Error`. */
export function parameterError(field: string, problem: string): GatewayError {
  return new GatewayError(ResponseCodes.RequestParameterError, `${field}: ${problem}`);
}

/**
 * A change the gateway's current state does not allow, asked for through the control API: adding
 * a merchant that already exists, or choosing the outcome of an object that is no longer PENDING.
 * The public API never meets it; the control API answers it with HTTP 409.
 */
export class StateConflict extends Error {
  override readonly name = "StateConflict";
}
