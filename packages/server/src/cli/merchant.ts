// Whose credentials `trigger` and `fixtures` sign public requests with. The control API never
// reveals a secret, so the secret comes from the caller: --merchant, GATEKIT_MERCHANT, or
// GATEKIT_APP_SECRET (with GATEKIT_APP_ID, or the gateway's sandbox merchant's appId).

import type { Client } from "openapi-fetch";
import type { paths } from "../generated/control.js";
import { CliError, type Io, usage } from "./command.js";
import { type Target, call } from "./control-client.js";

/** A merchant's credentials. */
export interface Credentials {
  readonly appId: string;
  readonly appSecret: string;
}

/** The help text of --merchant. */
export const MERCHANT_HELP = `  --merchant <appId>:<appSecret>
                             whom to sign as; or GATEKIT_MERCHANT=<appId>:<appSecret>, or
                             GATEKIT_APP_SECRET (with GATEKIT_APP_ID, or the appId of the
                             gateway's sandbox merchant), which keep the secret off the command line`;

/** The credentials to sign with; every secret is registered with `io` so it is never printed. */
export async function credentialsOf(
  command: string,
  flag: string | undefined,
  io: Io,
  client: Client<paths>,
  target: Target,
): Promise<Credentials> {
  const pair = flag ?? nonEmpty(io.env["GATEKIT_MERCHANT"]);
  if (pair !== undefined) {
    const colon = pair.indexOf(":");
    const source = flag === undefined ? "GATEKIT_MERCHANT" : "--merchant";
    if (colon < 1 || colon === pair.length - 1) throw usage(command, `${source} must be <appId>:<appSecret>`);
    io.secret(pair.slice(colon + 1));
    return { appId: pair.slice(0, colon), appSecret: pair.slice(colon + 1) };
  }
  const appSecret = nonEmpty(io.env["GATEKIT_APP_SECRET"]);
  if (appSecret === undefined) {
    throw new CliError(
      `${command} signs as a merchant and the control API never reveals secrets: ` +
        "pass --merchant <appId>:<appSecret> or set GATEKIT_MERCHANT or GATEKIT_APP_SECRET " +
        "(gatekit-gateway start prints the sandbox merchant's)",
      2,
    );
  }
  io.secret(appSecret);
  const appId = nonEmpty(io.env["GATEKIT_APP_ID"]);
  if (appId !== undefined) return { appId, appSecret };
  const { merchants } = await call(target, "the merchant list", () => client.GET("/__gateway/merchants"));
  const chosen =
    merchants.find((merchant) => merchant.origin === "sandbox") ?? (merchants.length === 1 ? merchants[0] : undefined);
  if (!chosen)
    throw new CliError(
      `the gateway at ${target.url} has ${merchants.length} merchants and no sandbox merchant: ` +
        "set GATEKIT_APP_ID to the one GATEKIT_APP_SECRET belongs to",
      2,
    );
  return { appId: chosen.appId, appSecret };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
