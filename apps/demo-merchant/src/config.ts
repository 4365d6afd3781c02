// The shop's settings, read once from the environment at start. Every problem is reported with the
// variable's name and what to set it to, because this is the first thing a newcomer gets wrong.

/** Everything the shop reads from its environment. */
export interface ShopConfig {
  /** The gateway's base URL with its path prefix, such as `http://127.0.0.1:8080/pg`. */
  readonly gatewayBaseUrl: string;
  /** The merchant's appId, as the gateway issued it. */
  readonly appId: string;
  /** The merchant's appSecret. Never logged, never shown on a page. */
  readonly appSecret: string;
  /**
   * Where browsers and the gateway reach the shop (origin plus any path prefix, no trailing
   * slash): the notifyUrl and returnUrl sent to the gateway are built from it. `undefined` means
   * "the address the shop listens on", known once it listens.
   */
  readonly publicUrl: string | undefined;
  /** The port to listen on (on 127.0.0.1); 0 picks a free one. */
  readonly port: number;
  /** The SQLite file the orders are kept in, or `:memory:`. */
  readonly dbPath: string;
}

/** {@link ShopConfig} once the shop listens: its public URL is known. */
export type ResolvedShopConfig = ShopConfig & { readonly publicUrl: string };

/** A missing or invalid environment variable; the message names it and says what to set. */
export class ConfigError extends Error {
  override readonly name: "ConfigError" = "ConfigError";
}

/** Where the orders are kept when `SHOP_DB` is not set, relative to the working directory. */
export const DEFAULT_DB_PATH = ".gatekit/demo-shop.db";

/** The port the shop listens on when `PORT` is not set. */
export const DEFAULT_PORT = 3000;

/**
 * Reads the configuration: `GATEWAY_BASE_URL`, `GATEKIT_APP_ID`, `GATEKIT_APP_SECRET` (required),
 * `SHOP_PUBLIC_URL`, `PORT` (default 3000) and `SHOP_DB` (default `.gatekit/demo-shop.db`).
 * Throws a {@link ConfigError} naming the first variable that is missing or wrong.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): ShopConfig {
  const gatewayBaseUrl = httpUrl(
    env,
    "GATEWAY_BASE_URL",
    "the gateway's base URL with its path prefix, such as http://127.0.0.1:8080/pg",
  );
  const appId = required(env, "GATEKIT_APP_ID", "the merchant's appId, as the gateway issued it");
  const appSecret = required(env, "GATEKIT_APP_SECRET", "the merchant's appSecret, as the gateway issued it");
  const publicUrl = env["SHOP_PUBLIC_URL"]
    ? httpUrl(env, "SHOP_PUBLIC_URL", "the URL browsers and the gateway reach this shop at")
    : undefined;
  return {
    gatewayBaseUrl,
    appId,
    appSecret,
    publicUrl,
    port: port(env["PORT"]),
    dbPath: env["SHOP_DB"] || DEFAULT_DB_PATH,
  };
}

/**
 * The two URLs the shop gives the gateway. The gateway signs each notification over the notifyUrl
 * exactly as sent, so the notify endpoint verifies against this same string (never against the
 * Host header a proxy may have rewritten).
 */
export function shopUrls(publicUrl: string): { readonly notifyUrl: string; readonly returnUrl: string } {
  return { notifyUrl: `${publicUrl}/gateway/notify`, returnUrl: `${publicUrl}/checkout/return` };
}

function required(env: Readonly<Record<string, string | undefined>>, name: string, what: string): string {
  const value = env[name];
  if (!value)
    throw new ConfigError(
      `${name} is not set: set it to ${what}. \`npm start\` at the repository root sets it for you.`,
    );
  // A secret copied from a file often brings its newline along, and would then never verify.
  if (value !== value.trim()) throw new ConfigError(`${name} has spaces or a newline around it: remove them.`);
  return value;
}

function httpUrl(env: Readonly<Record<string, string | undefined>>, name: string, what: string): string {
  const value = required(env, name, what);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL (${JSON.stringify(value)}): set it to ${what}.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`${name} must start with http:// or https://.`);
  if (url.search || url.hash || url.username || url.password)
    throw new ConfigError(`${name} must have no query, fragment or credentials.`);
  return value.replace(/\/+$/, "");
}

function port(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_PORT;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535)
    throw new ConfigError(
      `PORT must be a port number from 0 to 65535 (0 picks a free one), not ${JSON.stringify(value)}.`,
    );
  return parsed;
}
