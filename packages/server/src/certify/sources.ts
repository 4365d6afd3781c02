// Where certify gets orders the merchant knows (the order source) and reads their state (the
// status source). Both are the merchant's: a URL of a small JSON endpoint, or a command.
//
// Order source: POST <order URL> (an empty JSON object as the body), or the command's output, is
// JSON `{"merchantTradeNo": "...", "paymentNo": "..."}` of a fresh PENDING order whose payment the
// merchant created at the gateway, as its checkout does.
//
// Status source: GET <status URL> (`{merchantTradeNo}` and `{paymentNo}` filled in), or the
// command's output, is JSON `{"status": "PAID", "processed": 1}`: the order's state as the shop
// records it, and optionally how many times the shop acted on a notification for it (marked it
// paid, shipped it, sent an email): what "processed once" is judged by.

import type { PaymentStatus } from "@gatekit/types";
import { fillTemplate, runCommand } from "./command.js";
import { CertifyProblem, excerpt, exchange } from "./transport.js";

/** A URL, or a command run by the shell. */
export type Source = { readonly url: string } | { readonly command: string };

/** An order the merchant created for certify. */
export interface MerchantOrder {
  readonly merchantTradeNo: string;
  readonly paymentNo: string;
}

/** An order's state as the merchant's status source reports it. */
export interface OrderState {
  readonly status: PaymentStatus;
  /** How many times the merchant processed a notification for the order, when it says. */
  readonly processed: number | undefined;
}

const STATUSES: readonly string[] = ["PENDING", "PAID", "FAILED", "CLOSED"];

/** Asks the order source for a fresh order. */
export async function newOrder(source: Source, timeoutMs: number): Promise<MerchantOrder> {
  const what = "the order source";
  const text = await read(what, source, {}, "POST", timeoutMs);
  const parsed = parseObject(what, text);
  const { merchantTradeNo, paymentNo } = parsed;
  if (
    typeof merchantTradeNo !== "string" ||
    typeof paymentNo !== "string" ||
    merchantTradeNo === "" ||
    paymentNo === ""
  ) {
    throw new CertifyProblem(
      `${what} answered ${excerpt(text)}, which lacks "merchantTradeNo" and "paymentNo" as strings`,
    );
  }
  return { merchantTradeNo, paymentNo };
}

/** Reads an order's state from the status source. */
export async function readState(source: Source, order: MerchantOrder, timeoutMs: number): Promise<OrderState> {
  const what = "the status source";
  const text = await read(
    what,
    source,
    { merchantTradeNo: order.merchantTradeNo, paymentNo: order.paymentNo },
    "GET",
    timeoutMs,
  );
  const parsed = parseObject(what, text);
  const { status, processed } = parsed;
  if (typeof status !== "string" || !STATUSES.includes(status)) {
    throw new CertifyProblem(
      `${what} answered ${excerpt(text)} for ${order.merchantTradeNo}: "status" must be one of ${STATUSES.join(", ")}`,
    );
  }
  if (
    processed !== undefined &&
    !(typeof processed === "number" && Number.isSafeInteger(processed) && processed >= 0)
  ) {
    throw new CertifyProblem(
      `${what} answered ${excerpt(text)} for ${order.merchantTradeNo}: "processed" must be a whole number, 0 or more`,
    );
  }
  return { status: status as PaymentStatus, processed };
}

async function read(
  what: string,
  source: Source,
  ids: Record<string, string>,
  method: string,
  timeoutMs: number,
): Promise<string> {
  if ("command" in source) {
    const env = { GATEKIT_MERCHANT_TRADE_NO: ids["merchantTradeNo"] ?? "", GATEKIT_PAYMENT_NO: ids["paymentNo"] ?? "" };
    return runCommand(what, fillTemplate(source.command, ids, false), env, timeoutMs);
  }
  const url = fillTemplate(source.url, ids, true);
  const answer = await exchange(
    what,
    {
      url,
      method,
      headers: { accept: "application/json", "content-type": "application/json" },
      body: method === "POST" ? "{}" : "",
    },
    timeoutMs,
  );
  if (answer.status !== 200)
    throw new CertifyProblem(`${what} (${method} ${url}) answered HTTP ${answer.status}: ${excerpt(answer.text)}`);
  return answer.text;
}

function parseObject(what: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CertifyProblem(`${what} answered ${excerpt(text)}, which is not JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new CertifyProblem(`${what} answered ${excerpt(text)}, which is not a JSON object`);
  return parsed as Record<string, unknown>;
}
