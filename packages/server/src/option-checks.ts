// The checks of createGateway's options, one kind of value each: a mistake becomes a
// GatewayOptionsError that names the option and says what to give instead.

import { type ApiOperationId, isAmount, toMinorUnits } from "@gatekit/types";

/** An option that cannot work; `option` names it. */
export class GatewayOptionsError extends TypeError {
  /** Always `"GatewayOptionsError"`, to recognise the error without `instanceof`. */
  readonly type = "GatewayOptionsError";
  override readonly name = "GatewayOptionsError";
  readonly option: string;

  constructor(option: string, message: string) {
    super(`Invalid gateway option ${option}: ${message}`);
    this.option = option;
  }
}

// A record rather than a list, so the compiler fails here when the contract gains an operation.
const API_OPERATIONS = Object.keys({
  createPayment: true,
  queryPayment: true,
  createRefund: true,
  createPayout: true,
  queryPayout: true,
  queryBalance: true,
} satisfies Record<ApiOperationId, true>) as readonly ApiOperationId[];
// The Authorization header's grammar for an appId (see @gatekit/signature): printable ASCII
// without spaces, commas or equals signs.
const APP_ID = /^[\x21-\x2b\x2d-\x3c\x3e-\x7e]{1,128}$/;
const CURRENCY = /^[A-Z]{3}$/;

/** An appId the Authorization header can carry. */
export function appId(name: string, value: unknown): string {
  if (typeof value !== "string" || !APP_ID.test(value)) {
    throw new GatewayOptionsError(
      name,
      "an appId is 1 to 128 printable ASCII characters without spaces, commas or equals signs",
    );
  }
  return value;
}

/** An appSecret: non-empty, on one line. */
export function secret(name: string, value: unknown): string {
  // A secret is one line of the signed content: a line break in it could never be signed.
  if (typeof value !== "string" || value === "" || /[\r\n]/.test(value))
    throw new GatewayOptionsError(name, "an appSecret is a non-empty string on one line");
  return value;
}

/** Host names (no scheme, port or path), or null for any. */
export function hosts(name: string, value: unknown): readonly string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.some((host) => typeof host !== "string" || host === "" || /[\s/:]/.test(host))) {
    throw new GatewayOptionsError(
      name,
      'give host names such as "merchant.example.com" or "*.example.com" (no scheme, port or path), or null for any',
    );
  }
  return Object.freeze([...value]);
}

/** operationIds of the public API, or null for all. */
export function operations(name: string, value: unknown): readonly ApiOperationId[] | null {
  if (value === null) return null;
  if (!Array.isArray(value) || value.some((id) => !API_OPERATIONS.includes(id as ApiOperationId))) {
    throw new GatewayOptionsError(name, `give operationIds among ${API_OPERATIONS.join(", ")}, or null for all`);
  }
  return Object.freeze([...value]) as readonly ApiOperationId[];
}

/** Amounts by currency, in minor units. */
export function balances(name: string, value: unknown): Record<string, bigint> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GatewayOptionsError(name, 'give amounts by currency, such as { INR: "5000.00" }');
  }
  const result: Record<string, bigint> = {};
  for (const [currency, amount] of Object.entries(value)) {
    if (!CURRENCY.test(currency))
      throw new GatewayOptionsError(name, `${JSON.stringify(currency)} is not a currency code such as INR`);
    if (!isAmount(amount))
      throw new GatewayOptionsError(`${name}.${currency}`, 'give an amount string such as "5000.00"');
    result[currency] = toMinorUnits(amount);
  }
  return result;
}

/** An http(s) URL without query, fragment or credentials, with no trailing slash; or null. */
export function publicUrl(value: unknown): string | null {
  if (value === null) return null;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new GatewayOptionsError("publicUrl", "give an absolute URL such as https://gateway.example.test");
  }
  if (
    (url.protocol !== "http:" && url.protocol !== "https:") ||
    url.search !== "" ||
    url.hash !== "" ||
    url.username !== "" ||
    url.password !== ""
  ) {
    throw new GatewayOptionsError("publicUrl", "give an http or https URL without query, fragment or credentials");
  }
  return url.href.replace(/\/+$/, "");
}

/** A path such as `/pg`, or "" for none. */
export function basePath(value: unknown): string {
  if (
    typeof value !== "string" ||
    (value !== "" && !/^\/[A-Za-z0-9._~\-/]*[A-Za-z0-9._~-]$/.test(value)) ||
    value.includes("//")
  ) {
    throw new GatewayOptionsError(
      "basePath",
      'give a path that starts with "/" and does not end with one, such as "/pg", or "" for none',
    );
  }
  return value;
}

/** A control token of at least 8 characters without spaces, or null. */
export function controlToken(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string" || value.length < 8 || /\s/.test(value)) {
    throw new GatewayOptionsError("controlToken", "a control token is at least 8 characters without spaces");
  }
  return value;
}

/** A whole number of milliseconds, 0 or more. */
export function duration(name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new GatewayOptionsError(name, `give a whole number of milliseconds, 0 or more, not ${String(value)}`);
  }
  return value;
}

/** A whole number of milliseconds above 0. */
export function positive(name: string, value: unknown): number {
  const ms = duration(name, value);
  if (ms === 0)
    throw new GatewayOptionsError(name, "give a number of milliseconds above 0, or null to turn the timer off");
  return ms;
}

/** A boolean. */
export function flag(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new GatewayOptionsError(name, "give true or false");
  return value;
}

/** A function, or undefined. */
export function fn<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== "function") throw new GatewayOptionsError(name, "give a function");
  return value;
}

/** A string, non-empty unless `allowEmpty`. */
export function text(name: string, value: unknown, { allowEmpty }: { allowEmpty: boolean }): string {
  if (typeof value !== "string" || (!allowEmpty && value === ""))
    throw new GatewayOptionsError(name, "give a non-empty string");
  return value;
}
