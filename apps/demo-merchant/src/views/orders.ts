// The back office: the balance, the payout form, every payout and order with its refund button,
// and the notifications the shop has processed. In a real shop this page sits behind a login.

import type { Balance } from "@gatekit/types";
import { html } from "hono/html";
import type { Order, Payout, ProcessedNotification } from "../records.js";
import { type Html, layout, money, status } from "./layout.js";

/** What the orders page shows. */
export interface OrdersView {
  readonly orders: readonly Order[];
  /** Each order's refundable amount, by merchantTradeNo. */
  readonly refundable: ReadonlyMap<string, string>;
  readonly payouts: readonly Payout[];
  /** The balance as balance/query returned it, or why it could not be read. */
  readonly balance: Balance | { readonly error: string };
  readonly notifications: readonly ProcessedNotification[];
  /** Fresh idempotency keys for the forms: a form sent twice creates one refund or payout. */
  readonly newRefundNo: () => string;
  readonly newPayoutNo: string;
}

/** The orders page. */
export function ordersPage(view: OrdersView): Html {
  return layout(
    "Orders & payouts",
    html`<h1>Orders &amp; payouts</h1>
${balanceSection(view.balance)}
${payoutSection(view)}
${ordersSection(view)}
${notificationsSection(view.notifications)}`,
  );
}

function balanceSection(balance: OrdersView["balance"]): Html {
  if ("error" in balance) {
    return html`<section id="balance" class="error"><h2>Balance</h2><p data-field="balance-error">${
      balance.error
    }</p></section>`;
  }
  return html`<section id="balance">
<h2>Balance</h2>
<dl>
<dt>Available</dt><dd data-field="available">${money(balance.availableAmount, balance.currency)}</dd>
<dt>Frozen by payouts in progress</dt><dd data-field="frozen">${money(balance.frozenAmount, balance.currency)}</dd>
</dl>
<p class="note">Read from the gateway (balance/query) each time this page loads.</p>
</section>`;
}

function payoutSection(view: OrdersView): Html {
  return html`<section id="payouts">
<h2>Payouts</h2>
<form method="post" action="/payouts">
<input type="hidden" name="merchantTradeNo" value="${view.newPayoutNo}">
<label>Amount (INR)<input name="amount" value="250.00" inputmode="decimal" \
pattern="\\d{1,15}\\.\\d{2}" required></label>
<label>Payee name<input name="payeeName" value="Ravi Kumar" maxlength="80" required></label>
<label>UPI address<input name="vpa" value="ravi.kumar@okbank" maxlength="128" required></label>
<button type="submit">Send payout</button>
</form>
${
  view.payouts.length === 0
    ? html`<p class="note">No payouts yet.</p>`
    : html`<table>
<thead><tr><th>Payout</th><th>Payee</th><th>Amount</th><th>Fee</th><th>Status</th></tr></thead>
<tbody>
${view.payouts.map(
  (payout) => html`<tr data-payout="${payout.merchantTradeNo}">
<td class="mono">${payout.merchantTradeNo}</td>
<td>${payout.payeeName ?? ""}${payout.vpa ? html`<br><span class="note">${payout.vpa}</span>` : ""}</td>
<td>${money(payout.amount, payout.currency)}</td>
<td>${payout.fee ? money(payout.fee, payout.currency) : "—"}</td>
<td>${status(payout.status, "payout-status")}${
    payout.errorInfo ? html`<br><span class="note">${payout.errorInfo}</span>` : ""
  }</td>
</tr>`,
)}
</tbody>
</table>`
}
</section>`;
}

function ordersSection(view: OrdersView): Html {
  return html`<section id="orders">
<h2>Orders</h2>
${
  view.orders.length === 0
    ? html`<p class="note">No orders yet: <a href="/">buy something</a>.</p>`
    : html`<table>
<thead><tr><th>Order</th><th>Item</th><th>Amount</th><th>Status</th><th>Refunds</th></tr></thead>
<tbody>
${view.orders.map((order) => orderRow(order, view.refundable.get(order.merchantTradeNo) ?? "0.00", view.newRefundNo))}
</tbody>
</table>`
}
<p class="note">An order's status changes only when the gateway's signed notification arrives and verifies.</p>
</section>`;
}

function orderRow(order: Order, refundable: string, newRefundNo: () => string): Html {
  return html`<tr data-order="${order.merchantTradeNo}">
<td class="mono">${order.merchantTradeNo}${
    order.paymentNo ? html`<br><span class="note">${order.paymentNo}</span>` : ""
  }</td>
<td>${order.description}</td>
<td>${money(order.amount, order.currency)}</td>
<td>${status(order.status, "order-status")}${
    order.errorInfo ? html`<br><span class="note">${order.errorInfo}</span>` : ""
  }</td>
<td>
${order.refunds.map(
  (refund) =>
    html`<div data-refund="${refund.merchantRefundNo}">${money(refund.amount, refund.currency)} ${status(
      refund.status,
      "refund-status",
    )}${refund.errorInfo ? html` <span class="note">${refund.errorInfo}</span>` : ""}</div>`,
)}
${
  refundable !== "0.00"
    ? html`<form method="post" action="/orders/${order.merchantTradeNo}/refunds">
<input type="hidden" name="merchantRefundNo" value="${newRefundNo()}">
<label>Amount<input name="amount" value="${refundable}" inputmode="decimal" \
pattern="\\d{1,15}\\.\\d{2}" required></label>
<button type="submit">Refund</button>
</form>`
    : ""
}
</td>
</tr>`;
}

function notificationsSection(notifications: readonly ProcessedNotification[]): Html {
  return html`<section id="notifications">
<h2>Notifications processed</h2>
${
  notifications.length === 0
    ? html`<p class="note">None yet.</p>`
    : html`<table>
<thead><tr><th>Received</th><th>Kind</th><th>Object</th><th>Status</th><th>Outcome</th></tr></thead>
<tbody>
${notifications.map(
  (entry) => html`<tr><td>${entry.receivedAt}</td><td>${entry.kind}</td><td class="mono">${entry.objectNo}</td>\
<td>${entry.status}</td><td>${entry.outcome}</td></tr>`,
)}
</tbody>
</table>`
}
<p class="note">Each event (kind, object, status) is processed once: \
a repeated delivery is acknowledged and changes nothing.</p>
</section>`;
}
