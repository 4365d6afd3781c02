import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { GUIDE_URL, loadCases, renderCertifyGuide } from "../scripts/certify-guide.mjs";

const cases = await loadCases();

describe("the certify guide", () => {
  it("is the page generated from the case list gatekit-gateway certify runs", async () => {
    const committed = await readFile(GUIDE_URL, "utf8").catch(() => "");
    // A mismatch only needs the instruction, not a diff of the whole page.
    expect(committed === renderCertifyGuide(cases), "guides/04-certify.md is stale: run `pnpm generate` and commit the result.").toBe(true);
  });

  it("documents every case, by id, with what it proves and how it decides", () => {
    const page = renderCertifyGuide(cases);
    expect(cases.length).toBeGreaterThanOrEqual(23);
    for (const entry of cases) {
      expect(page).toContain(`**\`${entry.id}\`**: ${entry.title}.`);
      expect(page).toContain(`- Proves: ${entry.proves}`);
      expect(page).toContain(`- Decides: ${entry.decides}`);
    }
  });

  it("holds no raw HTML tag that the page would swallow", () => {
    const page = renderCertifyGuide(cases).replace(/<!--[\s\S]*?-->/g, "").replace(/```[\s\S]*?```/g, "").replace(/`[^`]*`/g, "");
    expect(page).not.toMatch(/<[A-Za-z]/);
  });
});
