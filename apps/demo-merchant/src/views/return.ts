// The return page: where the gateway sends the payer back. It shows the gateway's own answer to
// payments.query, and the order as the shop recorded it from the notifications.

import type { PaymentQueryData } from "@gatekit/types";
import { html } from "hono/html";
import type { Order } from "../records.js";
import { type Html, layout, money, status } from "./layout.js";

const HEADLINES: Record<PaymentQueryData["status"], string> = {
  PAID: "Thank you: your payment went through",
  FAILED: "Your payment failed",
  CLOSED: "Your payment was cancelled",
  PENDING: "Your payment is not finished yet",
};

/** The return page for `order`, given the payment as the gateway reported it just now. */
export function returnPage(order: Order, payment: PaymentQueryData): Html {
  const recorded = order.status === payment.status;
  return layout(
    HEADLINES[payment.status],
    html`<h1 data-field="headline">${HEADLINES[payment.status]}</h1>
<section>
<dl>
<dt>Order</dt><dd class="mono" data-field="merchantTradeNo">${order.merchantTradeNo}</dd>
<dt>Item</dt><dd>${order.description}</dd>
<dt>Amount</dt><dd>${money(payment.amount, payment.currency)}</dd>
<dt>Payment status at the gateway</dt><dd>${status(payment.status, "gateway-status")}</dd>
<dt>Order status in the shop</dt><dd>${status(order.status, "order-status")}</dd>
${payment.errorInfo ? html`<dt>Reason</dt><dd>${payment.errorInfo}</dd>` : ""}
</dl>
<p class="note">${
      recorded
        ? "The gateway's signed notification has been received and recorded."
        : "The order changes once the gateway's signed notification arrives, usually within a second. " +
          "The status above is the gateway's own answer, asked for just now; " +
          "the link that brought you here proves nothing by itself."
    }</p>
</section>
<p><a href="/orders">See all orders</a> · <a href="/">Back to the products</a></p>`,
  );
}
