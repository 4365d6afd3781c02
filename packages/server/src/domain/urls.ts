// The rules for notifyUrl and returnUrl beyond the schema's `format: uri`: absolute http(s), no
// credentials, and within the merchant's allow-list of hosts when it has one. A breach is
// `Common.Illegal_Url`.

import { ResponseCodes } from "@gatekit/types";
import { GatewayError } from "./errors.js";

/** Throws `Common.Illegal_Url` when `value` may not be used as the merchant's `field`. */
export function checkMerchantUrl(field: string, value: string, allowedHosts: readonly string[] | null): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw illegal(`${field} must be an absolute http or https URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw illegal(`${field} must be an http or https URL, not ${url.protocol.slice(0, -1).slice(0, 20)}`);
  }
  if (url.username !== "" || url.password !== "") {
    throw illegal(`${field} must not contain a user name or password`);
  }
  if (allowedHosts !== null && !hostAllowed(url.hostname, allowedHosts)) {
    throw illegal(
      `${field} host ${url.hostname} is not allowed for this merchant; allowed: ${allowedHosts.join(", ") || "none"}`,
    );
  }
}

/** Whether `hostname` is in the list: exact (case-insensitive), or `*.example.com` for any subdomain. */
export function hostAllowed(hostname: string, allowedHosts: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return allowedHosts.some((entry) => {
    const pattern = entry.toLowerCase();
    return pattern.startsWith("*.")
      ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
      : host === pattern;
  });
}

function illegal(message: string): GatewayError {
  return new GatewayError(ResponseCodes.IllegalUrl, message);
}
