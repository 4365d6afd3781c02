// The control API's payments, refunds and payouts: look at one, brought up to date, or choose the
// outcome of a PENDING one. Outcomes run through the same domain functions as the checkout page and
// the gateway's own transitions, so they can do nothing the gateway's rules forbid.

import { Hono } from "hono";
import type { components } from "../generated/control.js";
import { settlePayment } from "../domain/checkout.js";
import { catchUpPayment } from "../domain/expiry.js";
import { catchUpPayout, completePayout } from "../domain/payouts.js";
import { catchUpRefund, completeRefund } from "../domain/refund-outcomes.js";
import type { GatewayEnv } from "../http/env.js";
import { publicOriginOf } from "../http/urls.js";
import type { Tx } from "../storage/store.js";
import type { ControlDeps } from "./deps.js";
import { requestBody } from "./input.js";
import { conflict, controlOk, notFound } from "./respond.js";
import { paymentDetails, payoutDetails, refundDetails } from "./views.js";

type Schemas = components["schemas"];

/** /payments, /refunds and /payouts: each object, and its outcome. */
export function outcomeRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const routes = new Hono<GatewayEnv>();
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => deps.store.transaction(fn);

  routes.get("/payments/:paymentNo", async (c) => {
    const paymentNo = c.req.param("paymentNo");
    const ctx = deps.context();
    const payment = await tx(async (t) => {
      const found = await t.payments.get(paymentNo);
      return found && catchUpPayment(t, ctx, found);
    });
    if (!payment) throw notFound("payment with paymentNo", paymentNo);
    return controlOk(c, paymentDetails(payment, publicOriginOf(c.req.url, deps.publicUrl)));
  });

  routes.post("/payments/:paymentNo/outcome", async (c) => {
    const input = await requestBody<Schemas["PaymentOutcomeRequest"]>(c, "PaymentOutcomeRequest");
    const paymentNo = c.req.param("paymentNo");
    const ctx = deps.context();
    const result = await tx((t) =>
      settlePayment(t, ctx, { paymentNo, status: input.status, actor: "control", errorCode: input.errorCode, errorInfo: input.errorInfo }),
    );
    if (!result.changed && result.payment.status !== input.status) {
      throw conflict(`payment ${paymentNo} is already ${result.payment.status}; only a PENDING payment can be moved`);
    }
    return controlOk(c, {
      payment: paymentDetails(result.payment, publicOriginOf(c.req.url, deps.publicUrl)).payment,
      changed: result.changed,
      redirectUrl: result.redirect.url,
    });
  });

  routes.get("/refunds/:refundNo", async (c) => {
    const refundNo = c.req.param("refundNo");
    const ctx = deps.context();
    return controlOk(c, await tx(async (t) => {
      const found = await t.refunds.get(refundNo);
      if (!found) throw notFound("refund with refundNo", refundNo);
      const refund = await catchUpRefund(t, ctx, found);
      return refundDetails(refund, (await t.payments.get(refund.paymentNo))!);
    }));
  });

  routes.post("/refunds/:refundNo/outcome", async (c) => {
    const input = await requestBody<Schemas["RefundOutcomeRequest"]>(c, "RefundOutcomeRequest");
    const refundNo = c.req.param("refundNo");
    const ctx = deps.context();
    return controlOk(c, await tx(async (t) => {
      const found = await t.refunds.get(refundNo);
      if (!found) throw notFound("refund with refundNo", refundNo);
      const { refund } = found.status === "PENDING" ? await completeRefund(t, ctx, found, input.status, "control") : { refund: found };
      if (refund.status === "PENDING" || (found.status !== "PENDING" && found.status !== input.status)) {
        throw conflict(`refund ${refundNo} is already ${refund.status}; only a PENDING refund can be moved`);
      }
      return refundDetails(refund, (await t.payments.get(refund.paymentNo))!);
    }));
  });

  routes.get("/payouts/:payoutNo", async (c) => {
    const payoutNo = c.req.param("payoutNo");
    const ctx = deps.context();
    return controlOk(c, await tx(async (t) => {
      const found = await t.payouts.get(payoutNo);
      if (!found) throw notFound("payout with payoutNo", payoutNo);
      return payoutDetails(await catchUpPayout(t, ctx, found));
    }));
  });

  routes.post("/payouts/:payoutNo/outcome", async (c) => {
    const input = await requestBody<Schemas["PayoutOutcomeRequest"]>(c, "PayoutOutcomeRequest");
    const payoutNo = c.req.param("payoutNo");
    const ctx = deps.context();
    return controlOk(c, await tx(async (t) => {
      const found = await t.payouts.get(payoutNo);
      if (!found) throw notFound("payout with payoutNo", payoutNo);
      if (found.status !== "PENDING") {
        if (found.status === input.status) return payoutDetails(found);
        throw conflict(`payout ${payoutNo} is already ${found.status}; only a PENDING payout can be moved`);
      }
      const { payout } = await completePayout(t, ctx, found, {
        status: input.status,
        actor: "control",
        errorCode: input.errorCode,
        errorInfo: input.errorInfo,
      });
      return payoutDetails(payout);
    }));
  });

  return routes;
}
