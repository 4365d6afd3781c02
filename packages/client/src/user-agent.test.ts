import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appInfoProblem, userAgent } from "./user-agent.js";
import { VERSION } from "./version.js";

describe("userAgent", () => {
  it("names the client and the runtime", () => {
    expect(userAgent()).toBe(`gatekit-client/${VERSION} node/${process.versions.node}`);
  });

  it("appends the merchant's application", () => {
    expect(userAgent({ name: "acme-shop", version: "3.2.1", url: "https://acme.example" })).toBe(
      `gatekit-client/${VERSION} node/${process.versions.node} acme-shop/3.2.1 (https://acme.example)`,
    );
    expect(userAgent({ name: "acme-shop" })).toMatch(/ acme-shop$/);
  });

  it("refuses application details that would break the header", () => {
    expect(appInfoProblem({ name: "acme shop" })).toMatch(/appInfo.name/);
    expect(appInfoProblem({ name: "acme", version: "1.0 beta" })).toMatch(/appInfo.version/);
    expect(appInfoProblem({ name: "acme", url: "https://acme.example/(x)" })).toMatch(/appInfo.url/);
    expect(appInfoProblem({ name: "acme", vendor: "x" })).toMatch(/unknown keys \(vendor\)/);
    expect(appInfoProblem("acme")).toMatch(/must be an object/);
    expect(appInfoProblem({ name: "a".repeat(64), version: "1".repeat(32), url: "u".repeat(100) })).toBeUndefined();
  });

  it("stays within the 256 characters the contract allows", () => {
    expect(
      userAgent({ name: "a".repeat(64), version: "1".repeat(32), url: "u".repeat(100) }).length,
    ).toBeLessThanOrEqual(256);
  });

  it("reports the version in package.json", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(VERSION, "src/version.ts must say the version in package.json (a release bumps both)").toBe(
      manifest.version,
    );
  });
});
