import { describe, expect, it } from "vitest";
import type { MerchantRecord } from "../storage/merchants.js";
import type { Store } from "../storage/store.js";
import { MerchantDirectory } from "./merchants.js";

const merchant = (appId: string): MerchantRecord => ({
  appId,
  appSecret: `${appId}-secret`,
  allowedHosts: null,
  operations: null,
  disabled: false,
  startingBalances: {},
  origin: "control",
  createdAt: 1,
});

// A store whose reads finish when the test says, in any order.
function controlledStore(): { store: Store; finish(index: number, merchants: MerchantRecord[]): void } {
  const pending: Array<(merchants: MerchantRecord[]) => void> = [];
  const store = { transaction: () => new Promise((resolve) => pending.push(resolve)) } as unknown as Store;
  return { store, finish: (index, merchants) => pending[index]!(merchants) };
}

describe("the merchant directory", () => {
  it("keeps what the later reload read when an earlier one finishes after it", async () => {
    const { store, finish } = controlledStore();
    const directory = new MerchantDirectory();
    const earlier = directory.reload(store);
    const later = directory.reload(store);
    finish(1, [merchant("shop_new")]);
    await later;
    finish(0, [merchant("shop_old")]);
    await earlier;
    expect(directory.list().map((m) => m.appId)).toEqual(["shop_new"]);
    expect(directory.secretFor("shop_new")).toBe("shop_new-secret");
  });

  it("does not let a reload begun before a replace overwrite it", async () => {
    const { store, finish } = controlledStore();
    const directory = new MerchantDirectory();
    const stale = directory.reload(store);
    directory.replace([merchant("shop_reset")]);
    finish(0, [merchant("shop_before_reset")]);
    await stale;
    expect(directory.get("shop_reset")).toBeDefined();
    expect(directory.get("shop_before_reset")).toBeUndefined();
  });

  it("applies a reload begun after a replace", async () => {
    const { store, finish } = controlledStore();
    const directory = new MerchantDirectory();
    directory.replace([merchant("shop_a")]);
    const next = directory.reload(store);
    finish(0, [merchant("shop_a"), merchant("shop_b")]);
    await next;
    expect(directory.list().map((m) => m.appId)).toEqual(["shop_a", "shop_b"]);
  });
});
