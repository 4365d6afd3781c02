import { describe, expect, it } from "vitest";
import { loadCases, renderCertifyGuide } from "../scripts/certify-guide.mjs";

const cases = await loadCases();

describe("the certify guide", () => {
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
    const page = renderCertifyGuide(cases)
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/```[\s\S]*?```/g, "")
      .replace(/`[^`]*`/g, "");
    expect(page).not.toMatch(/<[A-Za-z]/);
  });
});
