// The client README's example is run as written against the gateway, so it stays runnable. Only
// its two import specifiers are pointed at the workspace sources, because the copy runs from a
// temporary directory.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type GatewayUnderTest, startGateway } from "./support/gateway.js";

const packages = fileURLToPath(new URL("../../", import.meta.url));
let gateway: GatewayUnderTest;
const directory = mkdtempSync(join(tmpdir(), "gatekit-readme-"));

beforeAll(async () => {
  gateway = await startGateway();
});

afterAll(async () => {
  await gateway.close();
  rmSync(directory, { recursive: true, force: true });
});

it("runs the README example against the gateway", async () => {
  const readme = readFileSync(join(packages, "client/README.md"), "utf8");
  const example = /## Example\n+```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example, "the README has an Example section with a js block").toBeDefined();
  const code = example!
    .replace(
      'from "@gatekit/client"',
      `from ${JSON.stringify(pathToFileURL(join(packages, "client/src/index.node.ts")).href)}`,
    )
    .replace(
      'from "@gatekit/types"',
      `from ${JSON.stringify(pathToFileURL(join(packages, "types/src/index.ts")).href)}`,
    );
  const file = join(directory, "example.mjs");
  writeFileSync(file, code);

  vi.stubEnv("GATEWAY_BASE_URL", gateway.baseUrl);
  vi.stubEnv("GATEWAY_APP_ID", gateway.appId);
  vi.stubEnv("GATEWAY_APP_SECRET", gateway.appSecret);
  const lines: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
  try {
    await import(/* @vite-ignore */ pathToFileURL(file).href);
  } finally {
    log.mockRestore();
    vi.unstubAllEnvs();
  }
  expect(lines[0]).toMatch(/^send the payer to https?:\/\//);
  expect(lines[1]).toMatch(/^PENDING \d{4}-\d\d-\d\dT/);
  expect(lines[2]).toMatch(/^GatewayError Payment\.Common\.Not_Found 200 [0-9a-f]{32}$/);
});
