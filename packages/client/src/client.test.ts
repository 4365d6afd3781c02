import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { importGraph, importSpecifiers as specifiers, isNodeBuiltin as isBuiltin } from "@gatekit/testing";
import { describe, expect, it } from "vitest";
import * as universal from "./index.js";
import * as node from "./index.node.js";

const options = { baseUrl: "https://gateway.example.com/pg", appId: "app-1", appSecret: "secret" };

describe("createGatewayClient", () => {
  it("exposes the six operations and the raw openapi-fetch client", () => {
    const client = node.createGatewayClient(options);
    expect(Object.keys(client).sort()).toEqual(["balance", "payments", "payouts", "raw", "refunds"]);
    expect(Object.keys(client.payments).sort()).toEqual(["create", "query"]);
    expect(Object.keys(client.payouts).sort()).toEqual(["create", "query"]);
    expect(Object.keys(client.refunds)).toEqual(["create"]);
    expect(Object.keys(client.balance)).toEqual(["query"]);
    expect(typeof client.raw.POST).toBe("function");
  });

  it(
    "says what to pass when a method gets something other " + "than the request object, before sending anything",
    async () => {
      let sent = 0;
      const client = node.createGatewayClient({ ...options, fetch: async () => (sent++, new Response()) });
      await expect(client.payments.query('{"merchantTradeNo":"ORD-1"}' as never)).rejects.toThrow(
        /payments.query takes the request as an object.*got string/,
      );
      await expect(client.balance.query(null as never)).rejects.toThrow(/got null/);
      await expect(client.payments.query({ merchantTradeNo: "ORD-1" }, { timeout: 5 } as never)).rejects.toThrow(
        /unknown option "timeout"/,
      );
      expect(sent).toBe(0);
    },
  );

  it("refuses the ca option outside Node, pointing at the fetch option", () => {
    expect(() => universal.createGatewayClient({ ...options, ca: "-----BEGIN CERTIFICATE-----" })).toThrow(
      /needs Node.*pass a fetch/,
    );
    expect(() => node.createGatewayClient({ ...options, ca: "-----BEGIN CERTIFICATE-----" })).not.toThrow();
  });

  it("exports the same API from both entries", () => {
    expect(Object.keys(universal).sort()).toEqual(Object.keys(node).sort());
  });
});

// The universal entry is for runtimes without Node's built-ins (Deno, Bun, edge), so nothing it
// reaches may import one; its only packages are its runtime dependencies.
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
describe("the universal entry", () => {
  const graph = importGraph(join(root, "src/index.ts"));
  const external = [...new Set([...graph.values()].flat().filter((specifier) => !specifier.startsWith(".")))].sort();

  it("reaches the whole client but not the Node CA support", () => {
    const files = [...graph.keys()].map((file) => file.slice(root.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(["src/client.ts", "src/transport.ts", "src/envelope.ts", "src/options.ts"]),
    );
    expect(files).not.toContain("src/ca.node.ts");
  });

  it("imports only its runtime dependencies, and no Node built-in", () => {
    expect(external).toEqual(["@gatekit/signature", "@gatekit/types", "openapi-fetch"]);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(external);
  });

  it(
    "is the one the scan would flag if it did: " +
      "the Node entry is seen importing undici and the node signature entry",
    () => {
      const nodeImports = [...importGraph(join(root, "src/index.node.ts")).values()].flat();
      expect(nodeImports).toEqual(expect.arrayContaining(["undici", "@gatekit/signature/node"]));
    },
  );

  const built = ["dist/index.mjs", "dist/index.cjs"].map((file) => join(root, file));
  it.skipIf(!built.every((file) => existsSync(file)))(
    "is built without a Node built-in or undici either (checked when dist exists)",
    () => {
      for (const file of built)
        expect(specifiers(file).filter((specifier) => isBuiltin(specifier) || specifier === "undici")).toEqual([]);
    },
  );
});
