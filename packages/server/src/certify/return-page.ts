// The return page: the browser redirect is not signed, so `status=PAID` in its query proves
// nothing. Certify opens the page for a PENDING payment with the gateway's parameters, once with
// the truth and once with the lie, and the two pages must be the same.

import type { PaymentStatus } from "@gatekit/types";
import { returnRedirect } from "../domain/checkout.js";
import type { PaymentRecord } from "../storage/payments.js";
import type { CaseContext, CaseOrder } from "./context.js";
import { CertifyProblem, type Exchange, excerpt, exchange } from "./transport.js";
import { type Verdict, fail, pass, skip } from "./verdict.js";

/** return-page-query-status */
export async function returnPageQueryStatus(ctx: CaseContext): Promise<Verdict> {
  const { returnUrl } = ctx.settings;
  if (returnUrl === undefined) return skip("no --return-url given");
  const order = await ctx.order("pending");
  const truth = await open(ctx, order, returnUrl, "PENDING");
  if (truth.status >= 500)
    return fail(
      `the return page answered HTTP ${truth.status} for the gateway's redirect of a PENDING payment: ` +
        `${excerpt(truth.text)}`,
    );
  if (truth.status !== 200) {
    return order.known
      ? fail(
          `the return page answered HTTP ${truth.status} for the gateway's redirect of the shop's own ` +
            `PENDING order: ${excerpt(truth.text)}`,
        )
      : skip(
          `the return page answered HTTP ${truth.status} for an order certify created itself; ` +
            "pass --order-url or --order-command so that it shows one the shop knows",
        );
  }
  const lie = await open(ctx, order, returnUrl, "PAID");
  const again = await open(ctx, order, returnUrl, "PENDING");
  if (normalize(truth.text) !== normalize(again.text))
    return skip(
      "the return page differs between two identical requests, so the page with status=PAID cannot be compared with it",
    );
  if (lie.status !== truth.status || normalize(lie.text) !== normalize(truth.text)) {
    return fail(
      `with status=PAID in the query the page changes (HTTP ${lie.status}, ` +
        `${difference(truth.text, lie.text)}): it shows what the URL says instead of asking the gateway`,
    );
  }
  const state = await ctx.state(order);
  if (!state.ok)
    return pass(`the page with status=PAID is the page with status=PENDING; order state not checked: ${state.reason}`);
  if (state.state.status !== "PENDING")
    return fail(
      `the page looks the same, but after it the shop says the order is ${state.state.status}; it must stay PENDING`,
    );
  return pass("the page with status=PAID is the page with status=PENDING; the order is still PENDING");
}

async function open(ctx: CaseContext, order: CaseOrder, returnUrl: string, status: PaymentStatus): Promise<Exchange> {
  // The gateway's own redirect builder, for a payment with these fields.
  const { url } = returnRedirect({
    merchantTradeNo: order.merchantTradeNo,
    paymentNo: order.paymentNo,
    status,
    merchantAttach: null,
    returnUrl: order.returnUrl,
  } as PaymentRecord);
  // The redirect goes to --return-url when it differs from the payment's (a shop behind a proxy).
  const target = returnUrl === order.returnUrl ? url : returnUrl + url.slice(order.returnUrl.length);
  const answer = await exchange(
    "the return page",
    { url: target, method: "GET", headers: { accept: "text/html" }, body: "" },
    ctx.settings.timeoutMs,
  );
  if (answer.status === 0) throw new CertifyProblem(`the return page (${target}) gave no HTTP status`);
  return answer;
}

// Random-looking tokens (nonces, CSRF tokens, request ids) are not what the page says.
function normalize(html: string): string {
  return html.replace(/[A-Za-z0-9+/_-]{20,}={0,2}/g, "~");
}

function difference(a: string, b: string): string {
  const x = normalize(a);
  const y = normalize(b);
  let start = 0;
  while (start < x.length && x[start] === y[start]) start += 1;
  return `it now reads ${excerpt(y.slice(Math.max(0, start - 30), start + 90), 120)}`;
}
