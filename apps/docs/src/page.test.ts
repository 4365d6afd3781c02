import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { launchChromium } from "@gatekit/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createDocsServer, dist } from "../scripts/server.mjs";

const spec = parse(await readFile(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8"));
const summaries = (items: object) =>
  Object.values(items).flatMap((item) => Object.values(item as object).map((operation) => operation.summary as string));
const operations = summaries(spec.paths);
const webhooks = summaries(spec.webhooks);
const tags: string[] = spec.tags.map((tag: { name: string }) => tag.name);

describe("the built API docs in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let server: ReturnType<typeof createDocsServer>;
  let menu = "";
  // Loads that would leave the machine: the page must need none of them to work offline.
  const offMachine: string[] = [];

  beforeAll(async () => {
    if (!existsSync(`${dist}index.html`))
      throw new Error("apps/docs/dist/index.html is missing: run `pnpm docs` first.");
    server = createDocsServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
      offMachine.push(route.request().url());
      return route.abort("internetdisconnected");
    });
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "load" });
    const nav = page.locator('[data-component-name="Menu/MenuItem"]');
    await nav.first().waitFor({ timeout: 30_000 });
    // Tags start collapsed, as a reader finds them, and opening one may close another: open each
    // in turn and keep what the navigation showed while it was open.
    const seen: string[] = [];
    for (const tag of tags) {
      const group = page.locator(`.menu-item-type-group:has(> a [data-text="${tag}"])`);
      await group.locator("> a").click();
      await group.locator('[data-component-name="Menu/MenuItem"]').first().waitFor({ timeout: 10_000 });
      seen.push(...(await nav.allInnerTexts()));
    }
    menu = seen.join("\n");
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("lists every operation in the navigation", () => {
    expect(operations).toHaveLength(6);
    for (const summary of operations) expect(menu).toContain(summary);
  });

  it("lists every notification in the navigation", () => {
    expect(webhooks).toHaveLength(3);
    for (const summary of webhooks) expect(menu).toContain(summary);
  });

  it("lists the guides ahead of the reference", () => {
    const guides = ["Signing requests", "Receiving notifications", "Handling errors", "Certifying an integration"].map(
      (title) => menu.indexOf(title),
    );
    for (const position of guides) expect(position).toBeGreaterThanOrEqual(0);
    expect(Math.max(...guides)).toBeLessThan(menu.indexOf(operations[0]!));
  });

  it("shows where each rule comes from", async () => {
    await page.locator('.menu-item-type-group:has(> a [data-text="Payments"]) > a').click();
    await page.locator(`[data-component-name="Menu/MenuItem"] [data-text="${operations[0]}"]`).first().click();
    await page.getByText("provenance:").first().waitFor({ timeout: 10_000 });
    await page.getByText("Responses").first().waitFor({ timeout: 10_000 });
    // Each "Expand all" turns into "Collapse all" once clicked and the page re-renders, so a button
    // found a moment ago may be gone: look again before every click, and let a lost race retry.
    const expandAll = page.getByText("Expand all", { exact: true }).filter({ visible: true });
    for (let clicks = 0; clicks < 10 && (await expandAll.count()) > 0; clicks++) {
      await expandAll
        .first()
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    }
    await page
      .getByText(/provenance:\s*decided/)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.screenshot({ path: new URL("../test-results/operation.png", import.meta.url).pathname, fullPage: true });
    const body = await page.locator("main, body").first().innerText();
    // The operation itself, and fields within it, each carry their own label.
    expect(body).toMatch(/provenance:\s*documented/);
    expect(body).toMatch(/provenance:\s*observed/);
    expect(body).toMatch(/provenance:\s*decided/);
  });

  it("works offline: it loads nothing from another host", () => {
    expect(offMachine).toEqual([]);
  });
});
