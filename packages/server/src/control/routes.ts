// The control API (spec/control.yaml) under /__gateway: look at and steer the gateway's state.
// Request bodies and query parameters are validated against spec/control.yaml, like the public
// API against its contract. Every change runs through the same domain functions as the public
// API and the checkout page, so the control API can do nothing the gateway's rules forbid.

import type { Context } from "hono";
import { Hono } from "hono";
import type { components } from "../generated/control.js";
import { controlDocument } from "../generated/documents.js";
import { settlePayment } from "../domain/checkout.js";
import type { DomainContext } from "../domain/context.js";
import { isGatewayError } from "../domain/errors.js";
import { sweep } from "../domain/expiry.js";
import { newToken } from "../domain/ids.js";
import { type MerchantDirectory, type MerchantSeeds, resetState } from "../domain/merchants.js";
import { balanceView, restoreStartingBalances } from "../domain/balances.js";
import { catchUpPayment } from "../domain/payments.js";
import { catchUpPayout, completePayout } from "../domain/payouts.js";
import { catchUpRefund, completeRefund } from "../domain/refunds.js";
import { toMinorUnits } from "@gatekit/types";
import { readBody } from "../http/body.js";
import type { GatewayEnv } from "../http/env.js";
import { parseStrictJson } from "../http/json.js";
import { publicOriginOf } from "../http/urls.js";
import { describeErrors, schemaValidator, validatorAt } from "../http/validation.js";
import type { GatewayLogger } from "../logging.js";
import type { ApiOperationId, MerchantRecord } from "../storage/merchants.js";
import type { NotificationStatus } from "../storage/notifications.js";
import type { Store, Tx } from "../storage/store.js";
import { type ClockDeps, clockRoutes } from "./clock.js";
import { type EventsDeps, eventRoutes } from "./events.js";
import { controlGuard } from "./guard.js";
import { ControlError, conflict, controlError, controlOk, invalid, notFound } from "./respond.js";
import { merchantView, notificationView, paymentDetails, payoutDetails, refundDetails } from "./views.js";

type Schemas = components["schemas"];

/** What the control API needs from the gateway. */
export interface ControlDeps extends ClockDeps, EventsDeps {
  readonly store: Store;
  readonly merchants: MerchantDirectory;
  readonly context: () => DomainContext;
  /** The merchants of the gateway's options, which reset restores. */
  readonly seeds: MerchantSeeds;
  /** The starting balances of a merchant added without its own. */
  readonly defaultBalances: Readonly<Record<string, bigint>>;
  readonly basePath: string;
  readonly publicUrl: string | null;
  readonly controlToken: string | null;
  readonly logger: GatewayLogger;
}

/** The control API's routes, to mount at `/__gateway`. */
export function controlRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const { store } = deps;
  const control = new Hono<GatewayEnv>();
  control.use("*", controlGuard(deps.controlToken));
  control.onError((error, c) => {
    if (error instanceof ControlError) return controlError(c, error.status, error.code, error.message);
    if (isGatewayError(error)) return controlError(c, error.code.endsWith(".Not_Found") ? 404 : 409, error.code.endsWith(".Not_Found") ? "Control.Common.Not_Found" : "Control.Common.Conflict", error.message);
    deps.logger.error({ requestId: c.get("requestId"), err: { type: error.name, message: error.message, stack: error.stack } }, "control request failed");
    return controlError(c, 500, "Control.Common.Internal_Error", `internal error, request id ${c.get("requestId")}`);
  });
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => store.transaction(fn);

  control.get("/health", (c) => controlOk(c, { status: "ok", basePath: deps.basePath }));

  // ------------------------------------------------------------------ merchants
  control.get("/merchants", async (c) => controlOk(c, { merchants: (await tx((t) => t.merchants.list())).map(merchantView) }));

  control.post("/merchants", async (c) => {
    const input = await body<Schemas["MerchantCreateRequest"]>(c, "MerchantCreateRequest");
    const ctx = deps.context();
    const appSecret = input.appSecret ?? newToken(24);
    const merchant: MerchantRecord = {
      appId: input.appId ?? newToken(16),
      appSecret,
      allowedHosts: input.allowedHosts ?? null,
      operations: (input.operations as ApiOperationId[] | null | undefined) ?? null,
      disabled: false,
      startingBalances: input.balances ? toMinorMap(input.balances) : deps.defaultBalances,
      origin: "control",
      createdAt: ctx.now,
    };
    await tx(async (t) => {
      if (await t.merchants.get(merchant.appId)) throw conflict(`a merchant with appId ${merchant.appId} already exists`);
      await t.merchants.save(merchant);
      await restoreStartingBalances(t, merchant, ctx.now);
    });
    await deps.merchants.reload(store);
    // A secret the caller chose is never echoed; one the gateway made up is shown this once.
    return controlOk(c, { ...merchantView(merchant), ...(input.appSecret === undefined ? { appSecret } : {}) });
  });

  control.get("/merchants/:appId", async (c) => controlOk(c, merchantView(await merchant(c.req.param("appId")))));

  control.post("/merchants/:appId", async (c) => {
    const input = await body<Schemas["MerchantUpdateRequest"]>(c, "MerchantUpdateRequest");
    const appId = c.req.param("appId");
    const updated = await tx(async (t) => {
      const current = await t.merchants.get(appId);
      if (!current) throw notFound("merchant with appId", appId);
      const next: MerchantRecord = {
        ...current,
        ...(input.allowedHosts !== undefined ? { allowedHosts: input.allowedHosts } : {}),
        ...(input.operations !== undefined ? { operations: input.operations as ApiOperationId[] | null } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
      };
      await t.merchants.save(next);
      return next;
    });
    await deps.merchants.reload(store);
    return controlOk(c, merchantView(updated));
  });

  control.get("/merchants/:appId/balances", async (c) => {
    const appId = (await merchant(c.req.param("appId"))).appId;
    const balances = await tx((t) => t.balances.list(appId));
    return controlOk(c, { balanceList: balances.map((balance) => balanceView(balance.currency, balance)) });
  });

  control.post("/merchants/:appId/balances", async (c) => {
    const input = await body<Schemas["BalancesSetRequest"]>(c, "BalancesSetRequest");
    const appId = (await merchant(c.req.param("appId"))).appId;
    const { now } = deps.context();
    const balances = await tx(async (t) => {
      for (const entry of input.balances) {
        const frozen = entry.frozenAmount !== undefined ? toMinorUnits(entry.frozenAmount) : ((await t.balances.get(appId, entry.currency))?.frozen ?? 0n);
        await t.balances.set(appId, entry.currency, { available: toMinorUnits(entry.availableAmount), frozen }, now);
      }
      return t.balances.list(appId);
    });
    return controlOk(c, { balanceList: balances.map((balance) => balanceView(balance.currency, balance)) });
  });

  // ------------------------------------------------------------------ payments
  control.get("/payments/:paymentNo", async (c) => {
    const paymentNo = c.req.param("paymentNo");
    const ctx = deps.context();
    const payment = await tx(async (t) => {
      const found = await t.payments.get(paymentNo);
      return found && catchUpPayment(t, ctx, found);
    });
    if (!payment) throw notFound("payment with paymentNo", paymentNo);
    return controlOk(c, paymentDetails(payment, publicOriginOf(c.req.url, deps.publicUrl)));
  });

  control.post("/payments/:paymentNo/outcome", async (c) => {
    const input = await body<Schemas["PaymentOutcomeRequest"]>(c, "PaymentOutcomeRequest");
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

  // ------------------------------------------------------------------ refunds
  control.get("/refunds/:refundNo", async (c) => {
    const refundNo = c.req.param("refundNo");
    const ctx = deps.context();
    return controlOk(c, await tx(async (t) => {
      const found = await t.refunds.get(refundNo);
      if (!found) throw notFound("refund with refundNo", refundNo);
      const refund = await catchUpRefund(t, ctx, found);
      return refundDetails(refund, (await t.payments.get(refund.paymentNo))!);
    }));
  });

  control.post("/refunds/:refundNo/outcome", async (c) => {
    const input = await body<Schemas["RefundOutcomeRequest"]>(c, "RefundOutcomeRequest");
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

  // ------------------------------------------------------------------ payouts
  control.get("/payouts/:payoutNo", async (c) => {
    const payoutNo = c.req.param("payoutNo");
    const ctx = deps.context();
    return controlOk(c, await tx(async (t) => {
      const found = await t.payouts.get(payoutNo);
      if (!found) throw notFound("payout with payoutNo", payoutNo);
      return payoutDetails(await catchUpPayout(t, ctx, found));
    }));
  });

  control.post("/payouts/:payoutNo/outcome", async (c) => {
    const input = await body<Schemas["PayoutOutcomeRequest"]>(c, "PayoutOutcomeRequest");
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

  // ------------------------------------------------------------------ notifications
  const listParameters = validatorsOfParameters("/paths/~1__gateway~1notifications/get/parameters");

  control.get("/notifications", async (c) => {
    const query: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(c.req.query())) query[name] = name === "limit" && /^\d+$/.test(value) ? Number(value) : value;
    for (const [name, validate] of listParameters) {
      if (query[name] !== undefined && !validate(query[name])) throw invalid(`${name}: ${describeErrors(validate.errors).replace(/^[^:]*: /, "")}`);
    }
    const filter = {
      ...(query["appId"] !== undefined ? { appId: String(query["appId"]) } : {}),
      ...(query["objectNo"] !== undefined ? { objectNo: String(query["objectNo"]) } : {}),
      ...(query["status"] !== undefined ? { status: query["status"] as NotificationStatus } : {}),
      limit: (query["limit"] as number | undefined) ?? 100,
    };
    const notifications = await tx(async (t) => {
      // One query at a time: a transaction is one database connection.
      const views = [];
      for (const notification of await t.notifications.list(filter)) {
        views.push(notificationView(notification, await t.notifications.attempts(notification.id)));
      }
      return views;
    });
    return controlOk(c, { notifications });
  });

  control.get("/notifications/:id", async (c) => {
    const id = c.req.param("id");
    return controlOk(c, await tx(async (t) => {
      const notification = await t.notifications.get(id);
      if (!notification) throw notFound("notification", id);
      return notificationView(notification, await t.notifications.attempts(id));
    }));
  });

  control.post("/notifications/:id/resend", async (c) => {
    await body<Record<string, never>>(c, null);
    const id = c.req.param("id");
    const ctx = deps.context();
    const view = await tx(async (t) => {
      const notification = await t.notifications.resend(id, ctx.now);
      if (!notification) throw notFound("notification", id);
      return notificationView(notification, await t.notifications.attempts(id));
    });
    ctx.notified?.();
    return controlOk(c, view);
  });

  // ------------------------------------------------------------------ gateway
  control.post("/sweep", async (c) => {
    await body<Record<string, never>>(c, null);
    return controlOk(c, await sweep(store, deps.context()));
  });

  control.post("/reset", async (c) => {
    const input = await body<Schemas["ResetRequest"]>(c, "ResetRequest");
    const { now } = deps.context();
    const merchants = await tx((t) => resetState(t, deps.seeds, { all: input.all ?? false, now }));
    deps.merchants.replace(merchants);
    return controlOk(c, { merchants: merchants.length });
  });

  control.route("/clock", clockRoutes(deps));
  control.route("/events", eventRoutes(deps));

  control.all("*", (c) => controlError(c, 404, "Control.Common.Not_Found", `no control route ${c.req.method} ${c.req.path.slice(0, 100)}; see spec/control.yaml`));

  async function merchant(appId: string): Promise<MerchantRecord> {
    const found = await tx((t) => t.merchants.get(appId));
    if (!found) throw notFound("merchant with appId", appId);
    return found;
  }

  return control;
}

// Reads and validates a control request body; an empty body is `{}`. `schema` null: only `{}` is accepted.
async function body<T>(c: Context<GatewayEnv>, schema: string | null): Promise<T> {
  const bytes = await readBody(c.req.raw);
  if (bytes === null) throw invalid("the request body exceeds 1048576 bytes");
  if (bytes.byteLength === 0) {
    if (schema === null) return {} as T;
    const validate = schemaValidator("control", schema);
    if (validate({})) return {} as T;
    throw invalid(describeErrors(validate.errors));
  }
  const parsed = parseStrictJson(bytes);
  if (!parsed.ok) throw invalid(parsed.message);
  if (schema === null) {
    if (typeof parsed.value === "object" && parsed.value !== null && !Array.isArray(parsed.value) && Object.keys(parsed.value).length === 0) return {} as T;
    throw invalid("this call takes no parameters: send no body or {}");
  }
  const validate = schemaValidator("control", schema);
  if (!validate(parsed.value)) throw invalid(describeErrors(validate.errors));
  return parsed.value as T;
}

// The query parameters of a control operation, each with the validator of its schema.
function validatorsOfParameters(pointer: string) {
  const [, , path, method] = pointer.split("/");
  const item = (controlDocument["paths"] as Record<string, Record<string, { parameters?: { name: string }[] }>>)[path!.replaceAll("~1", "/")];
  const parameters = item?.[method!]?.parameters ?? [];
  return parameters.map((parameter, index) => [parameter.name, validatorAt("control", `${pointer}/${index}/schema`)] as const);
}

function toMinorMap(balances: Record<string, string>): Record<string, bigint> {
  return Object.fromEntries(Object.entries(balances).map(([currency, amount]) => [currency, toMinorUnits(amount)]));
}
