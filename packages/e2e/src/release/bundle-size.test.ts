// `pnpm size` (scripts/bundle-size.mjs) bundles the universal builds of @gatekit/signature,
// @gatekit/client and @gatekit/webhooks for the browser. Here: those bundles are self-contained
// (no `node:` built-in or anything else left to import) and stay within a budget, with room to
// grow; the figures themselves are printed by `pnpm size`.

import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { expectSuccess, requireBuild, root, run } from "./workspace.js";

interface Measured {
  readonly package: string;
  readonly case: string;
  readonly ownCodeOnly: boolean;
  readonly raw: number;
  readonly gzip: number;
  readonly imports: readonly string[];
  readonly warnings: readonly string[];
}

/** gzip budgets for the whole entry with its dependencies, in bytes. */
const BUDGETS: Record<string, number> = {
  "@gatekit/signature": 5 * 1024,
  "@gatekit/client": 16 * 1024,
  "@gatekit/webhooks": 12 * 1024,
};

let measured: Measured[];

beforeAll(async () => {
  requireBuild();
  const result = await run(process.execPath, [join(root, "scripts", "bundle-size.mjs"), "--json"], {
    cwd: root,
    timeoutMs: 60_000,
  });
  measured = JSON.parse(expectSuccess(result, "bundle-size.mjs --json").stdout) as Measured[];
}, 60_000);

it("measures the three browser-facing packages", () => {
  expect([...new Set(measured.map((m) => m.package))].sort()).toEqual(Object.keys(BUDGETS).sort());
});

it("bundles each for the browser with nothing left to import (no node: built-in) and no warning", () => {
  for (const m of measured) {
    const allowed = m.ownCodeOnly ? m.imports.filter((id) => !id.startsWith("@gatekit/")) : m.imports;
    expect(allowed, `${m.package} (${m.case})`).toEqual([]);
    expect(m.warnings, `${m.package} (${m.case})`).toEqual([]);
  }
});

it("keeps each whole entry within its gzip budget", () => {
  for (const m of measured.filter((entry) => entry.case === "whole entry")) {
    expect(m.gzip, `${m.package}: ${m.gzip} bytes gzip`).toBeLessThanOrEqual(BUDGETS[m.package]!);
  }
});
