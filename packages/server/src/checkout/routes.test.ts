import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { type DomainContext, createPayment, seedMerchants } from "../domain/index.js";
import { openSqliteStore } from "../storage/sqlite/store.js";
import type { Store } from "../storage/store.js";
import { checkoutRoutes } from "./routes.js";

const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const settings = { paymentExpiryMs: 30 * 60_000, refundDelayMs: null, payoutDelayMs: null, scenarioDelayMs: 1000 };

/** A gateway's store with one merchant and one pending payment, and the checkout over it. */
async function fixture(overrides: { amount?: string; description?: string; returnUrl?: string } = {}) {
  const store = openSqliteStore({ path: ":memory:" });
  stores.push(store);
  const clock = { now: Date.now() };
  let notified = 0;
  const context = (): DomainContext => ({ now: clock.now, settings, notified: () => (notified += 1) });
  const payment = await store.transaction(async (tx) => {
    const [merchant] = await seedMerchants(
      tx,
      {
        configured: [
          {
            appId: "shop_app",
            appSecret: "shop-secret-123",
            allowedHosts: null,
            operations: null,
            disabled: false,
            startingBalances: {},
          },
        ],
        sandbox: null,
      },
      clock.now,
    );
    return createPayment(tx, context(), merchant!, {
      merchantTradeNo: "ORDER-<1>",
      amount: overrides.amount ?? "100.05",
      currency: "INR",
      description: overrides.description ?? `<script>alert("pwned")</script> & more`,
      payer: { userId: "u1", name: `O'Brien "Bob"`, email: "bob@example.com", phone: "+911234567890" },
      payMethod: { type: "UPI" },
      merchantAttach: "cart=42&x=ü",
      notifyUrl: "https://shop.test/notify",
      returnUrl: overrides.returnUrl ?? "https://shop.test/return?lang=en",
    });
  });
  const errors: object[] = [];
  const app = new Hono().route(
    "/checkout",
    checkoutRoutes({ store, context, logger: { error: (fields) => errors.push(fields) } }),
  );
  const post = (form: Record<string, string>, paymentNo = payment.paymentNo) =>
    app.request(`/checkout/${paymentNo}`, { method: "POST", body: new URLSearchParams(form) });
  const notifications = () => store.transaction((tx) => tx.notifications.list({ objectNo: payment.paymentNo }));
  return {
    app,
    store,
    payment,
    token: payment.checkoutToken,
    clock,
    post,
    notifications,
    errors,
    notified: () => notified,
  };
}

describe("checkoutRoutes", () => {
  it("shows the order with every merchant-provided value escaped, under a strict CSP", async () => {
    const { app, payment, token } = await fixture();
    const response = await app.request(`/checkout/${payment.paymentNo}?token=${token}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; more");
    expect(html).toContain("ORDER-&lt;1&gt;");
    expect(html).toContain("O&#39;Brien &quot;Bob&quot;");
    expect(html).toContain("100.05 INR");
    expect(html).toContain("shop_app");
    expect(html).toContain(`<input type="hidden" name="token" value="${token}">`);
    for (const action of ["pay", "fail", "cancel"]) expect(html).toContain(`name="action" value="${action}"`);
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' https://shop.test;");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it.each([
    ["a wrong token", (no: string) => `/checkout/${no}?token=nope`],
    ["no token", (no: string) => `/checkout/${no}`],
    ["an unknown payment", () => `/checkout/PAY404?token=whatever`],
  ])("answers %s with the same not-found page", async (_what, path) => {
    const { app, payment } = await fixture();
    const response = await app.request(path(payment.paymentNo));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Payment not found");
  });

  it.each([
    ["pay", "PAID"],
    ["fail", "FAILED"],
    ["cancel", "CLOSED"],
  ] as const)(
    "ends the payment on %s, queues its notification and sends the browser to returnUrl with status %s",
    async (action, status) => {
      const { post, token, payment, notifications, notified } = await fixture();
      const response = await post({ token, action });
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get("location")!);
      expect(location.origin + location.pathname).toBe("https://shop.test/return");
      expect(Object.fromEntries(location.searchParams)).toEqual({
        lang: "en",
        merchantTradeNo: "ORDER-<1>",
        paymentNo: payment.paymentNo,
        status,
        merchantAttach: "cart=42&x=ü",
      });
      const queued = await notifications();
      expect(queued).toHaveLength(1);
      expect(JSON.parse(queued[0]!.body).data).toMatchObject({ paymentNo: payment.paymentNo, status });
      expect(notified()).toBe(1);
    },
  );

  it("shows a finished payment with the way back instead of the choices, and never settles it again", async () => {
    const { app, post, token, payment, notifications } = await fixture();
    expect((await post({ token, action: "pay" })).status).toBe(303);
    const page = await app.request(`/checkout/${payment.paymentNo}?token=${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("already been paid");
    expect(html).not.toContain('name="action"');
    expect(html).toContain(
      `href="https://shop.test/return?lang=en&amp;merchantTradeNo=ORDER-%3C1%3E&amp;paymentNo=${payment.paymentNo}` +
        '&amp;status=PAID&amp;merchantAttach=cart%3D42%26x%3D%C3%BC"',
    );
    const again = await post({ token, action: "fail" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already been paid");
    expect(await notifications()).toHaveLength(1);
  });

  it("shows an expired payment as closed, never as payable", async () => {
    const { app, post, token, payment, clock, notifications } = await fixture();
    clock.now += 31 * 60_000;
    const page = await app.request(`/checkout/${payment.paymentNo}?token=${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("This payment is closed");
    const late = await post({ token, action: "pay" });
    expect(late.status).toBe(409);
    expect(await notifications()).toHaveLength(1);
  });

  it("fails a 4.04 payment when the payer pays, as the scenario says on the page", async () => {
    const { app, post, token, payment } = await fixture({ amount: "4.04" });
    expect(await (await app.request(`/checkout/${payment.paymentNo}?token=${token}`)).text()).toContain("amount 4.04");
    const response = await post({ token, action: "pay" });
    expect(new URL(response.headers.get("location")!).searchParams.get("status")).toBe("FAILED");
  });

  it.each([
    [{ action: "pay" }, 404],
    [{ token: "wrong", action: "pay" }, 404],
    [{ token: "wrong", action: "refund" }, 404],
    [{ action: "refund" }, 404],
    [{ useToken: "yes" }, 400],
    [{ useToken: "yes", action: "refund" }, 400],
    [{ useToken: "yes", action: "constructor" }, 400],
  ])("refuses the form %j with %i and changes nothing", async (form, status) => {
    const { post, token, notifications } = await fixture();
    const { useToken, ...rest } = form as Record<string, string>;
    expect((await post({ ...rest, ...(useToken ? { token } : {}) })).status).toBe(status);
    expect(await notifications()).toHaveLength(0);
  });

  it("refuses an oversized form", async () => {
    const { post, token } = await fixture();
    expect((await post({ token, action: "pay", junk: "x".repeat(10_000) })).status).toBe(413);
  });

  it("shows an error page, not the error, when the store fails", async () => {
    const { app, store, payment, token, errors } = await fixture();
    await store.close();
    stores.length = 0;
    const response = await app.request(`/checkout/${payment.paymentNo}?token=${token}`);
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("closed");
    expect(errors).toHaveLength(1);
  });
});
