// The hosted checkout at `action.url`: GET shows the payment, POST ends it the way the payer chose
// and sends the browser back to the merchant's returnUrl (303, so the browser follows with GET).
// The token in the link is per payment and unguessable; the form posts it back, so another site
// cannot end a payment it does not know the token of (no cookies are involved at all). Settling
// goes through the domain's settlePayment, which queues the notification in the same transaction.

import { ResponseCodes } from "@gatekit/types";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  type DomainContext,
  type PaymentOutcome,
  isGatewayError,
  loadCheckoutPayment,
  settlePayment,
} from "../domain/index.js";
import type { Store } from "../storage/store.js";
import { cspOrigin, pageHeaders } from "./html.js";
import { type CheckoutView, badRequestPage, checkoutPage, errorPage, finishedPage, notFoundPage } from "./pages.js";

/** What the payer can choose, and the status each one ends the payment in. */
export const CHECKOUT_ACTIONS = { pay: "PAID", fail: "FAILED", cancel: "CLOSED" } as const satisfies Record<
  string,
  PaymentOutcome
>;
export type CheckoutAction = keyof typeof CHECKOUT_ACTIONS;

/** What the checkout needs from the gateway; the HTTP layer's deps fit. */
export interface CheckoutDeps {
  readonly store: Store;
  /** A domain context at the current time. */
  readonly context: () => DomainContext;
  readonly logger?: { error(fields: object, message?: string): void } | undefined;
}

type PageStatus = 200 | 400 | 404 | 409 | 413 | 500;

/** The checkout's routes, to mount at `/checkout`: `GET /:paymentNo?token=…` and `POST /:paymentNo`. */
export function checkoutRoutes(deps: CheckoutDeps): Hono {
  const { store, context, logger } = deps;
  const app = new Hono();
  const page = (html: string, status: PageStatus, redirectOrigin?: string) =>
    new Response(html, { status, headers: pageHeaders(redirectOrigin) });

  /** The payment behind a link, or null for an unknown paymentNo or a wrong token (told apart by nobody). */
  function load(paymentNo: string, token: string): Promise<CheckoutView | null> {
    const ctx = context();
    return store.transaction(async (tx) => {
      const payment = await loadCheckoutPayment(tx, ctx, { paymentNo, token });
      if (!payment) return null;
      const record = await tx.payments.get(paymentNo);
      return { ...payment, merchantName: record?.appId ?? "the merchant" };
    });
  }

  app.get("/:paymentNo", async (c) => {
    const paymentNo = c.req.param("paymentNo");
    const token = c.req.query("token");
    try {
      const payment = token ? await load(paymentNo, token) : null;
      if (!payment) return page(notFoundPage(), 404);
      if (payment.status !== "PENDING") return page(finishedPage(payment), 200);
      return page(checkoutPage(payment, token!), 200, cspOrigin(payment.redirect.url));
    } catch (error) {
      logger?.error({ err: describe(error), paymentNo }, "checkout page failed");
      return page(errorPage(), 500);
    }
  });

  app.post(
    "/:paymentNo",
    bodyLimit({ maxSize: 4096, onError: () => page(badRequestPage("The form sent is too large."), 413) }),
    async (c) => {
      const paymentNo = c.req.param("paymentNo");
      try {
        let form: Record<string, unknown>;
        try {
          form = await c.req.parseBody();
        } catch {
          return page(badRequestPage("The form could not be read. Go back and choose again."), 400);
        }
        const token = form["token"];
        if (typeof token !== "string" || token === "") return page(notFoundPage(), 404);
        const action = form["action"];
        if (typeof action !== "string" || !Object.hasOwn(CHECKOUT_ACTIONS, action)) {
          // Checked against the token first, so an unknown choice says nothing about the payment.
          return (await load(paymentNo, token))
            ? page(badRequestPage("Choose Pay, Fail or Cancel."), 400)
            : page(notFoundPage(), 404);
        }
        const ctx = context();
        const status = CHECKOUT_ACTIONS[action as CheckoutAction];
        const result = await store.transaction(async (tx) => {
          const settled = await settlePayment(tx, ctx, { paymentNo, status, actor: "payer", token });
          if (settled.changed) return { settled, view: null };
          // Already finished (another tab, the expiry): show it, with the way back.
          return { settled, view: await loadCheckoutPayment(tx, ctx, { paymentNo, token }) };
        });
        if (!result.settled.changed) {
          const view = result.view;
          return view
            ? page(finishedPage({ ...view, merchantName: result.settled.payment.appId }), 409)
            : page(notFoundPage(), 404);
        }
        return new Response(null, {
          status: 303,
          headers: {
            location: result.settled.redirect.url,
            "cache-control": "no-store",
            "referrer-policy": "no-referrer",
          },
        });
      } catch (error) {
        if (isGatewayError(error) && error.code === ResponseCodes.PaymentNotFound) return page(notFoundPage(), 404);
        logger?.error({ err: describe(error), paymentNo }, "checkout failed");
        return page(errorPage(), 500);
      }
    },
  );

  return app;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
