import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { render, targets, targetUrl } from "../../../scripts/generated.mjs";

describe("generated files", () => {
  it.each(Object.keys(targets))(
    "%s matches what it is generated from",
    async (path) => {
      const committed = await readFile(targetUrl(path), "utf8").catch(() => "");
      // Comparing whole texts would print a huge diff; a mismatch only needs the instruction.
      expect(committed === (await render(path)), `${path} is stale: run \`pnpm generate\` and commit the result.`).toBe(
        true,
      );
    },
    30_000,
  );

  it("names an unknown target and lists the known ones", () => {
    expect(() => render("packages/nowhere.ts")).toThrow(
      /No generated target packages\/nowhere.ts; the targets are packages\/types/,
    );
  });
});
