// The shop as a Hono app, built from its dependencies so that tests can make one with their own
// database and gateway client. main.ts serves it.

import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { certifyRoutes } from "./routes/certify.js";
import { notifyRoutes } from "./routes/notify.js";
import { ordersRoutes } from "./routes/orders.js";
import { payRoutes } from "./routes/pay.js";
import { payoutRoutes } from "./routes/payout.js";
import { productRoutes } from "./routes/product.js";
import { refundRoutes } from "./routes/refund.js";
import { returnRoutes } from "./routes/return.js";
import type { ShopDeps } from "./shop.js";
import { errorPage } from "./views/error.js";
import { securityHeaders } from "./views/layout.js";

/** The shop: every page and endpoint, with security headers and form-origin checks. */
export function createShopApp(deps: ShopDeps): Hono {
  const headers = securityHeaders(new URL(deps.config.gatewayBaseUrl).origin);
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  // Forms are accepted from the shop's own pages only. The notify endpoint receives JSON, which
  // this check leaves alone: the signature is what authenticates the gateway.
  app.use("*", csrf({ origin: new URL(deps.config.publicUrl).origin }));

  app.route("/", productRoutes());
  app.route("/", payRoutes(deps));
  app.route("/", returnRoutes(deps));
  app.route("/", notifyRoutes(deps));
  app.route("/", ordersRoutes(deps));
  app.route("/", refundRoutes(deps));
  app.route("/", payoutRoutes(deps));
  app.route("/", certifyRoutes(deps));

  app.notFound((c) =>
    c.html(errorPage("Page not found", `There is no page at ${c.req.path}.`, "Start from the products."), 404),
  );
  app.onError((error, c) => {
    // The form-origin check refuses with a 403 HTTPException.
    if (error instanceof HTTPException && error.status === 403) {
      return c.html(
        errorPage(
          "Form refused",
          "This form did not come from one of the shop's own pages.",
          "Open the shop and use its buttons.",
        ),
        403,
      );
    }
    deps.log(
      `unexpected error on ${c.req.method} ${c.req.path}: ` +
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return c.html(
      errorPage(
        "Something went wrong",
        "The shop hit an unexpected error; it is in the shop's log.",
        "Try again; if it keeps happening, read the log.",
      ),
      500,
    );
  });
  return app;
}
