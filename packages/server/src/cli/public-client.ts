// The gateway's public V2 API as a signed merchant, for `trigger` and `fixtures`: @gatekit/client
// over `<url><basePath>` (the base path read from the control API's health), and one line for
// each way a public call can fail.

import { type GatewayClient, createGatewayClient, isGatewayError } from "@gatekit/client";
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/control.js";
import { CliError } from "./command.js";
import { type Target, call, unreachable } from "./control-client.js";
import type { Credentials } from "./merchant.js";

/** A signed client of the gateway at `target`, and the base URL it signs over. */
export async function publicClient(
  control: Client<paths>,
  target: Target,
  credentials: Credentials,
): Promise<{ client: GatewayClient; baseUrl: string }> {
  const health = await call(target, "a health check", () => control.GET("/__gateway/health"));
  const baseUrl = `${target.url}${health.basePath}`;
  try {
    return {
      client: createGatewayClient({ baseUrl, ...credentials, allowInsecureLoopback: true, maxRetries: 1 }),
      baseUrl,
    };
  } catch (error) {
    throw new CliError(`cannot call ${baseUrl}: ${(error as Error).message}`);
  }
}

/** The one line for a public call that failed; `operation` is such as payment/create. */
export function publicFailure(target: Target, operation: string, appId: string, error: unknown): CliError {
  if (!isGatewayError(error))
    return new CliError(`${operation} failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error.type === "ConnectionError") return unreachable(target, error.cause ?? error);
  if (error.code === "Common.Auth.Sign_Failed") {
    return new CliError(
      `the gateway refused the signature of ${appId} on ${operation}: ` +
        `check the appSecret (${error.errorMessage ?? "no detail"})`,
    );
  }
  if (error.code === "Common.Auth.Invalid_AppId" || error.code === "Common.Auth.AppId_Not_Found")
    return new CliError(
      `the gateway knows no enabled merchant ${appId}: ` +
        "check --merchant (gatekit-gateway start prints the sandbox merchant)",
    );
  return new CliError(
    `${operation} answered ${error.code ?? `HTTP ${error.httpStatus ?? "?"}`}: ${error.errorMessage ?? error.message}`,
  );
}
