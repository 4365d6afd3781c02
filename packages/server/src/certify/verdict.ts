// How a case turns answers and states into a verdict, in words a merchant can act on.

import type { PaymentStatus } from "@gatekit/types";
import type { CaseContext, CaseOrder, Delivered } from "./context.js";
import { formatMs } from "./transport.js";

/** A case's outcome: passed, failed with what was seen, or skipped with why. */
export interface Verdict {
  readonly status: "pass" | "fail" | "skip";
  readonly detail: string;
}

export const pass = (detail: string): Verdict => ({ status: "pass", detail });
export const fail = (detail: string): Verdict => ({ status: "fail", detail });
export const skip = (detail: string): Verdict => ({ status: "skip", detail });

/** Whether the merchant acknowledged: HTTP 200 with exactly {"code":"OK"}, as the gateway judges it. */
export function acknowledged(delivered: Delivered): boolean {
  return delivered.result.outcome === "acknowledged";
}

/** The answer in a few words, with its latency: `acknowledged in 4 ms`, `HTTP 401 in 3 ms: {...}`. */
export function said(delivered: Delivered): string {
  const { outcome, detail, durationMs } = delivered.result;
  const time = formatMs(durationMs);
  if (outcome === "acknowledged") return `acknowledged in ${time}`;
  if (outcome === "timeout") return `no complete answer within ${time}`;
  if (outcome === "connection_error") return `no answer (${detail}) after ${time}`;
  const colon = detail.indexOf(": ");
  return colon === -1 ? `${detail} in ${time}` : `${detail.slice(0, colon)} in ${time}: ${detail.slice(colon + 2)}`;
}

/** What a refusal must be: not acknowledged, answered in time, and (when `no5xx`) not a server error. */
export function refusalProblem(
  delivered: Delivered,
  options: { readonly no5xx?: boolean; readonly closeIsRefusal?: boolean } = {},
): string | undefined {
  const { outcome, httpStatus } = delivered.result;
  if (outcome === "acknowledged") return `acknowledged it (${said(delivered)})`;
  if (outcome === "timeout") return `gave no answer (${said(delivered)}); a refusal must come at once`;
  if (
    outcome === "connection_error" &&
    !(
      options.closeIsRefusal &&
      httpStatus === null &&
      !/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH/.test(delivered.result.detail)
    )
  ) {
    return `could not be reached: ${said(delivered)}`;
  }
  if (options.no5xx && httpStatus !== null && httpStatus >= 500)
    return `refused it with a server error (${said(delivered)}); a bad request must get a 4xx`;
  return undefined;
}

/**
 * The verdict for deliveries that must all be refused, with the order still PENDING when its
 * state can be read.
 */
export async function refusedUnchanged(
  ctx: CaseContext,
  order: CaseOrder,
  deliveries: readonly Delivered[],
  options: { readonly no5xx?: boolean; readonly closeIsRefusal?: boolean; readonly labels?: readonly string[] } = {},
): Promise<Verdict> {
  const label = (index: number) => (options.labels?.[index] ? `${options.labels[index]}: ` : "");
  for (const [index, delivered] of deliveries.entries()) {
    const problem = refusalProblem(delivered, options);
    if (problem) return fail(`${label(index)}the notify URL ${problem}`);
  }
  const answers = deliveries.map((delivered, index) => `${label(index)}${said(delivered)}`).join("; ");
  const state = await ctx.state(order);
  if (!state.ok) return pass(`refused (${answers}); order state not checked: ${state.reason}`);
  if (state.state.status !== "PENDING")
    return fail(`refused (${answers}), but the shop now says the order is ${state.state.status}; it must stay PENDING`);
  return pass(`refused (${answers}); the order is still PENDING`);
}

/**
 * The verdict for a genuine delivery that must be acknowledged, with the order `expected` when its
 * state can be read.
 */
export async function acceptedAs(
  ctx: CaseContext,
  order: CaseOrder,
  delivered: Delivered,
  expected: PaymentStatus = "PAID",
): Promise<Verdict> {
  if (!acknowledged(delivered))
    return fail(`a genuine notification was not acknowledged: ${said(delivered)}${hintUnknown(order)}`);
  const state = await ctx.state(order);
  if (!state.ok) return pass(`${said(delivered)}; order state not checked: ${state.reason}`);
  if (state.state.status !== expected)
    return fail(`${said(delivered)}, but the shop says the order is ${state.state.status}, not ${expected}`);
  return pass(`${said(delivered)}; the order is ${expected}`);
}

/** Checks that the order was processed exactly once and is `expected`; undefined when it was. */
export async function processedOnce(
  ctx: CaseContext,
  order: CaseOrder,
  expected: PaymentStatus = "PAID",
): Promise<Verdict | undefined> {
  const state = await ctx.state(order);
  if (!state.ok) return skip(`the answers were right, but processing once needs the order's state: ${state.reason}`);
  const { status, processed } = state.state;
  if (status !== expected) return fail(`the shop says the order is ${status}, not ${expected}`);
  if (processed === undefined)
    return skip(
      `the order is ${status}, but the status source gives no "processed" count, so processing once cannot be observed`,
    );
  if (processed !== 1) return fail(`the shop processed the order's notification ${processed} times; it must be once`);
  return undefined;
}

/** Why a genuine notification may be refused when certify made the order itself. */
export function hintUnknown(order: CaseOrder): string {
  return order.known
    ? ""
    : " (certify created this order itself; if the shop refuses orders it does not know, " +
        "pass --order-url or --order-command)";
}
