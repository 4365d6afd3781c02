// The User-Agent every request carries. The gateway may refuse a request without one, and a
// precise one (client, runtime, the merchant's application) is what its support asks for first.

import { VERSION } from "./version.js";

/** The merchant's application, appended to the User-Agent as `name/version (url)`. */
export interface AppInfo {
  /** A short product name: letters, digits and `!#$%&'*+-.^_|~` (an HTTP token), at most 64. */
  readonly name: string;
  /** Its version, same characters, at most 32. */
  readonly version?: string | undefined;
  /** Where to learn about it, at most 100 characters, no spaces or parentheses. */
  readonly url?: string | undefined;
}

// RFC 9110 token characters: what a product name and version may contain in a User-Agent.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const URL_TEXT = /^[\x21-\x27\x2a-\x7e]+$/;

/** Why `appInfo` cannot go into a header, or undefined when it can. */
export function appInfoProblem(appInfo: unknown): string | undefined {
  if (typeof appInfo !== "object" || appInfo === null)
    return `appInfo must be an object { name, version?, url? }, got ${kind(appInfo)}`;
  const { name, version, url, ...rest } = appInfo as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `appInfo has unknown keys (${unknown.join(", ")}); it takes name, version and url`;
  if (typeof name !== "string" || name.length === 0 || name.length > 64 || !TOKEN.test(name)) {
    return (
      "appInfo.name must be 1 to 64 characters without spaces or " +
      'slashes (letters, digits, and !#$%&\'*+-.^_|~), such as "acme-shop"'
    );
  }
  if (
    version !== undefined &&
    (typeof version !== "string" || version.length === 0 || version.length > 32 || !TOKEN.test(version))
  ) {
    return 'appInfo.version must be 1 to 32 characters without spaces or slashes, such as "3.2.1"';
  }
  if (url !== undefined && (typeof url !== "string" || url.length === 0 || url.length > 100 || !URL_TEXT.test(url))) {
    return "appInfo.url must be 1 to 100 printable characters without spaces or parentheses";
  }
  return undefined;
}

/**
 * `gatekit-client/<version> <runtime>/<version>`, then the merchant's application when given:
 * `gatekit-client/2.0.0 node/20.19.0 acme-shop/3.2.1 (https://acme.example)`.
 */
export function userAgent(appInfo?: AppInfo): string {
  let agent = `gatekit-client/${VERSION} ${runtime()}`;
  if (appInfo !== undefined) {
    agent += ` ${appInfo.name}${appInfo.version === undefined ? "" : `/${appInfo.version}`}`;
    if (appInfo.url !== undefined) agent += ` (${appInfo.url})`;
  }
  return agent;
}

/** The runtime and its version, read from globals so that no Node built-in is imported. */
function runtime(): string {
  const g = globalThis as {
    Deno?: { version?: { deno?: string } };
    Bun?: { version?: string };
    process?: { versions?: { node?: string } };
  };
  // Deno and Bun also report a Node version for compatibility, so they are asked first.
  if (typeof g.Deno?.version?.deno === "string") return `deno/${g.Deno.version.deno}`;
  if (typeof g.Bun?.version === "string") return `bun/${g.Bun.version}`;
  if (typeof g.process?.versions?.node === "string") return `node/${g.process.versions.node}`;
  return "runtime/unknown";
}

function kind(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}
