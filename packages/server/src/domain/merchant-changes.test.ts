import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../storage/open.js";
import type { Store } from "../storage/store.js";
import { freshDb } from "../../test/index.js";
import { listBalances, setBalances } from "./balances.js";
import { StateConflict } from "./errors.js";
import { addMerchant, changeMerchant, findMerchant } from "./merchant-changes.js";
import { MerchantDirectory } from "./merchants.js";

const NOW = 1_800_000_000_000;
let store: Store | undefined;
afterEach(() => store?.close());

function setUp(): { store: Store; directory: MerchantDirectory } {
  store = openStore(freshDb());
  return { store, directory: new MerchantDirectory() };
}

const shop = { allowedHosts: null, operations: null, startingBalances: { INR: 1_000n } };

describe("merchant changes", () => {
  it("adds a merchant with made-up credentials and its starting balances, known to the directory at once", async () => {
    const { store, directory } = setUp();
    const merchant = await addMerchant(store, directory, shop, NOW);
    expect(merchant).toMatchObject({ origin: "control", disabled: false, createdAt: NOW });
    expect(merchant.appSecret.length).toBeGreaterThan(0);
    expect(directory.secretFor(merchant.appId)).toBe(merchant.appSecret);
    const balances = await listBalances(store, merchant.appId);
    expect(balances).toMatchObject([{ currency: "INR", available: 1_000n, frozen: 0n }]);
  });

  it("refuses a second merchant with a taken appId, as a state conflict", async () => {
    const { store, directory } = setUp();
    await addMerchant(store, directory, { ...shop, appId: "shop_taken" }, NOW);
    const again = addMerchant(store, directory, { ...shop, appId: "shop_taken" }, NOW);
    await expect(again).rejects.toBeInstanceOf(StateConflict);
    await expect(again).rejects.toThrow("a merchant with appId shop_taken already exists");
  });

  it("changes only the settings given, and answers null for an unknown appId", async () => {
    const { store, directory } = setUp();
    const { appId } = await addMerchant(store, directory, { ...shop, allowedHosts: ["shop.example"] }, NOW);
    const changed = await changeMerchant(store, directory, appId, { disabled: true });
    expect(changed).toMatchObject({ appId, disabled: true, allowedHosts: ["shop.example"] });
    expect(directory.get(appId)?.disabled).toBe(true);
    expect(await findMerchant(store, appId)).toEqual(changed);
    expect(await changeMerchant(store, directory, "shop_unknown", { disabled: true })).toBeNull();
  });

  it("sets balances, keeping the frozen amount of a currency set without one", async () => {
    const { store, directory } = setUp();
    const { appId } = await addMerchant(store, directory, shop, NOW);
    await setBalances(store, appId, [{ currency: "INR", available: 500n, frozen: 20n }], NOW);
    const balances = await setBalances(store, appId, [{ currency: "INR", available: 700n }], NOW);
    expect(balances).toMatchObject([{ currency: "INR", available: 700n, frozen: 20n }]);
    expect(await setBalances(store, "shop_unknown", [], NOW)).toBeNull();
  });
});
