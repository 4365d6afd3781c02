// The options of a certify run, checked before anything is sent: every mistake is one line
// saying what is wrong and what to pass instead.

import { CASE_IDS, type CaseId } from "./cases.js";
import type { MerchantCredentials } from "./gateway.js";
import type { Source } from "./sources.js";
import type { CaseResult } from "./report.js";

/** The gateway certify talks to when none is given: the one `npm start` runs. */
export const DEFAULT_GATEWAY_URL = "http://127.0.0.1:8080";

/** The gateway's notification timeout (the CLI's --notify-timeout default), the default of `timeoutMs`. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** What {@link certifyIntegration} runs against. */
export interface CertifyOptions {
  /** The merchant's notification endpoint (http or https). */
  readonly notifyUrl: string;
  /** The merchant's return page; without it the return-page case is skipped. */
  readonly returnUrl?: string | undefined;
  /** The reference gateway the merchant talks to (its origin); default `http://127.0.0.1:8080`. */
  readonly gatewayUrl?: string | undefined;
  /** The merchant's credentials at that gateway. */
  readonly merchant: MerchantCredentials;
  /** The gateway's control token, when it was started with one. */
  readonly controlToken?: string | undefined;
  /** Where fresh orders the merchant knows come from; without one certify creates payments itself. */
  readonly orderSource?: Source | undefined;
  /** Where an order's state is read; without one the state checks are skipped or left out. */
  readonly statusSource?: Source | undefined;
  /** The gateway's notification timeout, which every request of the run also uses; default 10 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Run only these case ids. */
  readonly only?: readonly string[] | undefined;
  /** Leave out these case ids. */
  readonly skip?: readonly string[] | undefined;
  /** How many cases run at once; default 8. */
  readonly concurrency?: number | undefined;
  /** Called as each case finishes, for progress output. */
  readonly onResult?: ((result: CaseResult) => void) | undefined;
}

/** Options that cannot run; the message says what to change. */
export class CertifyOptionsError extends Error {
  override readonly name = "CertifyOptionsError";
  readonly type = "CertifyOptionsError";
}

/** The options with every default applied and checked. */
export interface ResolvedCertifyOptions {
  readonly notifyUrl: string;
  readonly returnUrl: string | undefined;
  readonly gatewayUrl: string;
  readonly merchant: MerchantCredentials;
  readonly controlToken: string | undefined;
  readonly orderSource: Source | undefined;
  readonly statusSource: Source | undefined;
  readonly timeoutMs: number;
  readonly cases: readonly CaseId[];
  readonly concurrency: number;
}

/** Checks `options`; throws a {@link CertifyOptionsError}. */
export function resolveCertifyOptions(options: CertifyOptions): ResolvedCertifyOptions {
  const notifyUrl = httpUrl("notifyUrl", options.notifyUrl);
  const returnUrl = options.returnUrl === undefined ? undefined : httpUrl("returnUrl", options.returnUrl);
  const gatewayUrl = httpUrl("gatewayUrl", options.gatewayUrl ?? DEFAULT_GATEWAY_URL).replace(/\/+$/, "");
  const { appId, appSecret } = options.merchant ?? {};
  if (typeof appId !== "string" || appId === "" || /[\s,=:]/.test(appId))
    throw new CertifyOptionsError(
      "merchant.appId must be the merchant's appId (no spaces, commas, colons or equals signs).",
    );
  if (typeof appSecret !== "string" || appSecret === "")
    throw new CertifyOptionsError(
      `merchant ${appId}: the appSecret is missing; pass it with --merchant <appId>:<appSecret> or GATEKIT_APP_SECRET.`,
    );
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000)
    throw new CertifyOptionsError(`timeoutMs must be from 100 to 600000 milliseconds, got ${String(timeoutMs)}.`);
  const concurrency = options.concurrency ?? 8;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    throw new CertifyOptionsError(`concurrency must be a whole number, 1 or more, got ${String(concurrency)}.`);
  const only = caseIds("only", options.only);
  const skipped = caseIds("skip", options.skip);
  const cases = CASE_IDS.filter((id) => (only === undefined || only.includes(id)) && !(skipped ?? []).includes(id));
  if (cases.length === 0) throw new CertifyOptionsError("no case is left to run after --only and --skip.");
  return {
    notifyUrl,
    returnUrl,
    gatewayUrl,
    merchant: { appId, appSecret },
    controlToken: options.controlToken,
    orderSource: source("orderSource", options.orderSource, false),
    statusSource: source("statusSource", options.statusSource, true),
    timeoutMs,
    cases,
    concurrency,
  };
}

function httpUrl(name: string, value: unknown): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new CertifyOptionsError(
      `${name} must be an absolute http:// or https:// URL, got ${JSON.stringify(String(value).slice(0, 200))}.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new CertifyOptionsError(
      `${name} must be an http:// or https:// URL, not ${url.protocol}// ` +
        `(got ${JSON.stringify(String(value).slice(0, 200))}).`,
    );
  if (url.username || url.password) throw new CertifyOptionsError(`${name} must not contain a user name or password.`);
  return String(value);
}

function caseIds(name: string, ids: readonly string[] | undefined): CaseId[] | undefined {
  if (ids === undefined) return undefined;
  for (const id of ids) {
    if (!(CASE_IDS as readonly string[]).includes(id)) {
      const near = CASE_IDS.filter((known) => known.startsWith(id.split("-")[0] ?? id));
      throw new CertifyOptionsError(
        `${name}: there is no case "${id}"${near.length ? `; did you mean ${near.join(", ")}?` : ""}` +
          ` Every case id: ${CASE_IDS.join(", ")}.`,
      );
    }
  }
  return ids as CaseId[];
}

function source(name: string, value: Source | undefined, template: boolean): Source | undefined {
  if (value === undefined) return undefined;
  if ("url" in value) {
    httpUrl(name, value.url.replace(/\{(merchantTradeNo|paymentNo)\}/g, "x"));
    if (template && !/\{(merchantTradeNo|paymentNo)\}/.test(value.url))
      throw new CertifyOptionsError(
        `${name}: the URL must contain {merchantTradeNo} or {paymentNo}, where the order's id goes.`,
      );
    return value;
  }
  if (typeof value.command !== "string" || value.command.trim() === "")
    throw new CertifyOptionsError(`${name}: the command is empty.`);
  return value;
}
