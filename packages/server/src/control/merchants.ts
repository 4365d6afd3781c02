// The control API's merchants: list, add, change, and set their balances. A merchant added or
// changed here takes effect at once: the gateway's directory is reloaded after each change.

import { toMinorUnits } from "@gatekit/types";
import { Hono } from "hono";
import type { components } from "../generated/control.js";
import { balanceView, restoreStartingBalances } from "../domain/balances.js";
import { newToken } from "../domain/ids.js";
import type { GatewayEnv } from "../http/env.js";
import type { ApiOperationId, MerchantRecord } from "../storage/merchants.js";
import type { Tx } from "../storage/store.js";
import type { ControlDeps } from "./deps.js";
import { requestBody } from "./input.js";
import { conflict, controlOk, notFound } from "./respond.js";
import { merchantView } from "./views.js";

type Schemas = components["schemas"];

/** /merchants and its balances. */
export function merchantRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const { store } = deps;
  const routes = new Hono<GatewayEnv>();
  const tx = <T>(fn: (tx: Tx) => Promise<T>) => store.transaction(fn);

  routes.get("/merchants", async (c) => controlOk(c, { merchants: (await tx((t) => t.merchants.list())).map(merchantView) }));

  routes.post("/merchants", async (c) => {
    const input = await requestBody<Schemas["MerchantCreateRequest"]>(c, "MerchantCreateRequest");
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

  routes.get("/merchants/:appId", async (c) => controlOk(c, merchantView(await merchant(c.req.param("appId")))));

  routes.post("/merchants/:appId", async (c) => {
    const input = await requestBody<Schemas["MerchantUpdateRequest"]>(c, "MerchantUpdateRequest");
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

  routes.get("/merchants/:appId/balances", async (c) => {
    const appId = (await merchant(c.req.param("appId"))).appId;
    const balances = await tx((t) => t.balances.list(appId));
    return controlOk(c, { balanceList: balances.map((balance) => balanceView(balance.currency, balance)) });
  });

  routes.post("/merchants/:appId/balances", async (c) => {
    const input = await requestBody<Schemas["BalancesSetRequest"]>(c, "BalancesSetRequest");
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

  async function merchant(appId: string): Promise<MerchantRecord> {
    const found = await tx((t) => t.merchants.get(appId));
    if (!found) throw notFound("merchant with appId", appId);
    return found;
  }

  return routes;
}

function toMinorMap(balances: Record<string, string>): Record<string, bigint> {
  return Object.fromEntries(Object.entries(balances).map(([currency, amount]) => [currency, toMinorUnits(amount)]));
}
