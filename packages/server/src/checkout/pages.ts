// The checkout pages, server-rendered. No script, no external asset: the page works with
// JavaScript off and its CSP allows nothing but its own stylesheet.

import type { CheckoutPayment } from "../domain/index.js";
import { escapeHtml as e, layout } from "./html.js";

/** What the checkout pages show: the payment as the domain loads it, and who is paid. */
export interface CheckoutView extends CheckoutPayment {
  /** The merchant's name as the payer sees it: its appId (merchants have no display name). */
  readonly merchantName: string;
}

const SCENARIO_NOTES: Record<string, string> = {
  "payment.declined_on_pay":
    "Sandbox scenario (amount 4.04): paying is declined by the payer's bank, so the payment ends FAILED.",
  "payment.pays_itself": "Sandbox scenario (amount 5.01): this payment becomes PAID by itself shortly.",
  "payment.fails_itself": "Sandbox scenario (amount 5.02): this payment becomes FAILED by itself shortly.",
  "payment.closes_itself": "Sandbox scenario (amount 5.03): this payment closes by itself shortly.",
};

/** The page where the payer pays, fails or cancels a pending payment. */
export function checkoutPage(payment: CheckoutView, token: string): string {
  const amount = `${payment.amount} ${payment.currency}`;
  const scenario = payment.scenario === null ? undefined : SCENARIO_NOTES[payment.scenario];
  const notes = [
    ...(scenario ? [`<p class="note" data-field="scenario">${e(scenario)}</p>`] : []),
    `<p class="note">This payment expires at <time ` +
      `datetime="${e(new Date(payment.expiresAt).toISOString())}">${e(payment.expiresTime)}</time>.</p>`,
  ].join("\n");
  return layout(
    `Pay ${amount} to ${payment.merchantName}`,
    `<p><span class="sandbox">Sandbox: no real money moves</span></p>
<h1>Pay ${e(payment.merchantName)}</h1>
<p class="amount" aria-label="Amount">${e(amount)}</p>
<dl>
<dt>Merchant</dt><dd data-field="merchant">${e(payment.merchantName)}</dd>
<dt>Description</dt><dd data-field="description">${e(payment.description)}</dd>
<dt>Amount</dt><dd data-field="amount">${e(payment.amount)}</dd>
<dt>Currency</dt><dd data-field="currency">${e(payment.currency)}</dd>
<dt>Order</dt><dd data-field="merchantTradeNo">${e(payment.merchantTradeNo)}</dd>
<dt>Payer</dt><dd data-field="payer">${e(payment.payerName)}</dd>
<dt>Payment</dt><dd data-field="paymentNo">${e(payment.paymentNo)}</dd>
</dl>
<p class="note" id="choices">Choose how this sandbox payment ends. \
You are then sent back to the merchant, which is notified.</p>
<form method="post" action="${e(encodeURIComponent(payment.paymentNo))}" aria-describedby="choices">
<input type="hidden" name="token" value="${e(token)}">
<button type="submit" name="action" value="pay">Pay ${e(amount)}</button>
<button type="submit" name="action" value="fail">Fail the payment</button>
<button type="submit" name="action" value="cancel">Cancel</button>
</form>
${notes}`,
  );
}

const FINISHED: Record<Exclude<CheckoutView["status"], "PENDING">, string> = {
  PAID: "This payment has already been paid.",
  FAILED: "This payment has already failed.",
  CLOSED: "This payment is closed: it was cancelled or it expired.",
};

/** The page for a payment that can no longer be paid, with the way back to the merchant. */
export function finishedPage(payment: CheckoutView): string {
  const message = payment.status === "PENDING" ? "This payment cannot be completed here." : FINISHED[payment.status];
  return layout(
    "Payment finished",
    `<h1>Nothing left to do here</h1>
<p role="status">${e(message)}</p>
<dl>
<dt>Order</dt><dd>${e(payment.merchantTradeNo)}</dd>
<dt>Payment</dt><dd>${e(payment.paymentNo)}</dd>
<dt>Status</dt><dd data-field="status">${e(payment.status)}</dd>
</dl>
<p><a href="${e(payment.redirect.url)}">Return to ${e(payment.merchantName)}</a></p>`,
  );
}

/** The page for an unknown payment or a wrong token: the two look the same on purpose. */
export function notFoundPage(): string {
  return layout(
    "Payment not found",
    `<h1>Payment not found</h1>
<p>This checkout link is not valid. Go back to the shop and start the payment again.</p>`,
  );
}

/** The page for a request the checkout cannot read (no token, an unknown choice). */
export function badRequestPage(problem: string): string {
  return layout("Cannot continue", `<h1>Cannot continue</h1>\n<p>${e(problem)}</p>`);
}

/** The page for an unexpected fault. */
export function errorPage(): string {
  return layout(
    "Something went wrong",
    `<h1>Something went wrong</h1>
<p>The gateway could not complete this step; nothing was charged by it. Reload the page to try again.</p>`,
  );
}
