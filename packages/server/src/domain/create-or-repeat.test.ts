import { describe, expect, it } from "vitest";
import { createOrRepeat, type CreateOrRepeatSteps } from "./create-or-repeat.js";
import { GatewayError } from "./errors.js";
import { requestHash } from "./idempotency.js";

interface Thing {
  readonly id: string;
  readonly requestHash: string;
  readonly caughtUp?: boolean;
}

// Steps over an in-memory table keyed by the request's `key`; `insert` can be told to lose a race.
function steps(
  table: Map<string, Thing>,
  key: string,
  options: { loseTo?: Thing | null } = {},
): CreateOrRepeatSteps<Thing> {
  return {
    label: `thing ${key}`,
    find: async () => table.get(key) ?? null,
    catchUp: async (existing) => ({ ...existing, caughtUp: true }),
    differentContent: () => new GatewayError("Thing.Duplicate", `key ${key} was already used with different content`),
    create: async (hash) => {
      if (options.loseTo !== undefined) {
        if (options.loseTo) table.set(key, options.loseTo);
        return null;
      }
      const thing = { id: `new-${key}`, requestHash: hash };
      table.set(key, thing);
      return thing;
    },
  };
}

describe("create or repeat", () => {
  it("creates the object when its key is new, stamped with the request's hash", async () => {
    const table = new Map<string, Thing>();
    const request = { key: "A", amount: "1.00" };
    const created = await createOrRepeat(request, steps(table, "A"));
    expect(created).toEqual({ id: "new-A", requestHash: requestHash(request) });
  });

  it("answers a repeat with the same content with the object brought up to date", async () => {
    const table = new Map<string, Thing>();
    await createOrRepeat({ key: "A", amount: "1.00" }, steps(table, "A"));
    const repeat = await createOrRepeat({ amount: "1.00", key: "A" }, steps(table, "A"));
    expect(repeat).toMatchObject({ id: "new-A", caughtUp: true });
  });

  it("refuses a repeat with other content with the kind's own refusal", async () => {
    const table = new Map<string, Thing>();
    await createOrRepeat({ key: "A", amount: "1.00" }, steps(table, "A"));
    await expect(createOrRepeat({ key: "A", amount: "2.00" }, steps(table, "A"))).rejects.toMatchObject({
      code: "Thing.Duplicate",
    });
  });

  it("answers a lost race as a repeat of the object that won", async () => {
    const request = { key: "A" };
    const winner = { id: "winner", requestHash: requestHash(request) };
    const repeat = await createOrRepeat(request, steps(new Map(), "A", { loseTo: winner }));
    expect(repeat).toEqual({ ...winner, caughtUp: true });
  });

  it("refuses a lost race against a winner with other content", async () => {
    const winner = { id: "winner", requestHash: requestHash({ key: "A", other: true }) };
    const lost = createOrRepeat({ key: "A" }, steps(new Map(), "A", { loseTo: winner }));
    await expect(lost).rejects.toBeInstanceOf(GatewayError);
  });

  it("fails loudly when a lost race's winner cannot be read back", async () => {
    await expect(createOrRepeat({ key: "A" }, steps(new Map(), "A", { loseTo: null }))).rejects.toThrow(
      "thing A conflicted on insert but cannot be read back",
    );
  });
});
