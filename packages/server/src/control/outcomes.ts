// The control API's payments, refunds and payouts: look at one, brought up to date, or choose the
// outcome of a PENDING one. Outcomes run through the same domain functions as the checkout page and
// the gateway's own transitions, so they can do nothing the gateway's rules forbid.

import { Hono } from "hono";
import { choosePaymentOutcome, choosePayoutOutcome, chooseRefundOutcome } from "../domain/chosen-outcomes.js";
import { currentPayment, currentPayout, currentRefund } from "../domain/lookups.js";
import type { components } from "../generated/control.js";
import type { GatewayEnv } from "../http/env.js";
import { publicOriginOf } from "../http/urls.js";
import type { ControlDeps } from "./deps.js";
import { requestBody } from "./input.js";
import { controlOk, notFound } from "./respond.js";
import { paymentDetails, payoutDetails, refundDetails } from "./views.js";

type Schemas = components["schemas"];

/** /payments, /refunds and /payouts: each object, and its outcome. */
export function outcomeRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const { store } = deps;
  const routes = new Hono<GatewayEnv>();

  routes.get("/payments/:paymentNo", async (c) => {
    const paymentNo = c.req.param("paymentNo");
    const payment = await currentPayment(store, deps.context(), paymentNo);
    if (!payment) throw notFound("payment with paymentNo", paymentNo);
    return controlOk(c, paymentDetails(payment, publicOriginOf(c.req.url, deps.publicUrl)));
  });

  routes.post("/payments/:paymentNo/outcome", async (c) => {
    const input = await requestBody<Schemas["PaymentOutcomeRequest"]>(c, "PaymentOutcomeRequest");
    const result = await choosePaymentOutcome(store, deps.context(), {
      paymentNo: c.req.param("paymentNo"),
      status: input.status,
      errorCode: input.errorCode,
      errorInfo: input.errorInfo,
    });
    return controlOk(c, {
      payment: paymentDetails(result.payment, publicOriginOf(c.req.url, deps.publicUrl)).payment,
      changed: result.changed,
      redirectUrl: result.redirect.url,
    });
  });

  routes.get("/refunds/:refundNo", async (c) => {
    const refundNo = c.req.param("refundNo");
    const found = await currentRefund(store, deps.context(), refundNo);
    if (!found) throw notFound("refund with refundNo", refundNo);
    return controlOk(c, refundDetails(found.refund, found.payment));
  });

  routes.post("/refunds/:refundNo/outcome", async (c) => {
    const input = await requestBody<Schemas["RefundOutcomeRequest"]>(c, "RefundOutcomeRequest");
    const refundNo = c.req.param("refundNo");
    const found = await chooseRefundOutcome(store, deps.context(), refundNo, input.status);
    if (!found) throw notFound("refund with refundNo", refundNo);
    return controlOk(c, refundDetails(found.refund, found.payment));
  });

  routes.get("/payouts/:payoutNo", async (c) => {
    const payoutNo = c.req.param("payoutNo");
    const payout = await currentPayout(store, deps.context(), payoutNo);
    if (!payout) throw notFound("payout with payoutNo", payoutNo);
    return controlOk(c, payoutDetails(payout));
  });

  routes.post("/payouts/:payoutNo/outcome", async (c) => {
    const input = await requestBody<Schemas["PayoutOutcomeRequest"]>(c, "PayoutOutcomeRequest");
    const payoutNo = c.req.param("payoutNo");
    const payout = await choosePayoutOutcome(store, deps.context(), payoutNo, {
      status: input.status,
      errorCode: input.errorCode,
      errorInfo: input.errorInfo,
    });
    if (!payout) throw notFound("payout with payoutNo", payoutNo);
    return controlOk(c, payoutDetails(payout));
  });

  return routes;
}
