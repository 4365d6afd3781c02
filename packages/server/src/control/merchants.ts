// The control API's merchants: list, add, change, and set their balances. The rules (made-up
// credentials, a taken appId, balances kept or set, the directory reloaded) are the domain's.

import { toMinorUnits } from "@gatekit/types";
import { Hono } from "hono";
import { listBalances, setBalances } from "../domain/balances.js";
import {
  addMerchant,
  changeMerchant,
  findMerchant,
  listMerchants,
  type NewMerchant,
} from "../domain/merchant-changes.js";
import type { components } from "../generated/control.js";
import type { GatewayEnv } from "../http/env.js";
import type { ControlDeps } from "./deps.js";
import { requestBody } from "./input.js";
import { controlOk, notFound } from "./respond.js";
import { balanceListView, merchantView } from "./views.js";

type Schemas = components["schemas"];

/** /merchants and its balances. */
export function merchantRoutes(deps: ControlDeps): Hono<GatewayEnv> {
  const { store } = deps;
  const routes = new Hono<GatewayEnv>();

  routes.get("/merchants", async (c) => controlOk(c, { merchants: (await listMerchants(store)).map(merchantView) }));

  routes.post("/merchants", async (c) => {
    const input = await requestBody<Schemas["MerchantCreateRequest"]>(c, "MerchantCreateRequest");
    const merchant = await addMerchant(
      store,
      deps.merchants,
      {
        appId: input.appId,
        appSecret: input.appSecret,
        allowedHosts: input.allowedHosts ?? null,
        operations: (input.operations as NewMerchant["operations"] | undefined) ?? null,
        startingBalances: input.balances ? toMinorMap(input.balances) : deps.defaultBalances,
      },
      deps.context().now,
    );
    // A secret the caller chose is never echoed; one the gateway made up is shown this once.
    const madeUpSecret = input.appSecret === undefined ? { appSecret: merchant.appSecret } : {};
    return controlOk(c, { ...merchantView(merchant), ...madeUpSecret });
  });

  routes.get("/merchants/:appId", async (c) => {
    const appId = c.req.param("appId");
    const merchant = await findMerchant(store, appId);
    if (!merchant) throw notFound("merchant with appId", appId);
    return controlOk(c, merchantView(merchant));
  });

  routes.post("/merchants/:appId", async (c) => {
    const input = await requestBody<Schemas["MerchantUpdateRequest"]>(c, "MerchantUpdateRequest");
    const appId = c.req.param("appId");
    const updated = await changeMerchant(store, deps.merchants, appId, {
      ...(input.allowedHosts !== undefined ? { allowedHosts: input.allowedHosts } : {}),
      ...(input.operations !== undefined ? { operations: input.operations as NewMerchant["operations"] } : {}),
      ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
    });
    if (!updated) throw notFound("merchant with appId", appId);
    return controlOk(c, merchantView(updated));
  });

  routes.get("/merchants/:appId/balances", async (c) => {
    const appId = c.req.param("appId");
    const balances = await listBalances(store, appId);
    if (!balances) throw notFound("merchant with appId", appId);
    return controlOk(c, balanceListView(balances));
  });

  routes.post("/merchants/:appId/balances", async (c) => {
    const input = await requestBody<Schemas["BalancesSetRequest"]>(c, "BalancesSetRequest");
    const appId = c.req.param("appId");
    const settings = input.balances.map((entry) => ({
      currency: entry.currency,
      available: toMinorUnits(entry.availableAmount),
      ...(entry.frozenAmount !== undefined ? { frozen: toMinorUnits(entry.frozenAmount) } : {}),
    }));
    const balances = await setBalances(store, appId, settings, deps.context().now);
    if (!balances) throw notFound("merchant with appId", appId);
    return controlOk(c, balanceListView(balances));
  });

  return routes;
}

function toMinorMap(balances: Record<string, string>): Record<string, bigint> {
  return Object.fromEntries(Object.entries(balances).map(([currency, amount]) => [currency, toMinorUnits(amount)]));
}
