import { describe, expect, it } from "vitest";
import { until } from "./until.js";

describe("until", () => {
  it("resolves with the first truthy value, polling until there is one", async () => {
    let calls = 0;
    await expect(until(() => (++calls >= 3 ? "ready" : undefined), "the third call")).resolves.toBe("ready");
    expect(calls).toBe(3);
  });

  it("names what it waited for when it gives up", async () => {
    await expect(until(() => false, "a miracle", 50)).rejects.toThrow("Timed out after 50 ms waiting for a miracle.");
  });
});
