import { defineConfig, type UserConfig } from "tsdown";

const shared = {
  // The CommonJS build inlines openapi-fetch's ES module build: required from CommonJS,
  // openapi-fetch's own CommonJS build would hand over its whole exports object where the
  // client expects the default export (createClient), so the CommonJS client would not start.
  // The ES module build keeps openapi-fetch external, and it stays a dependency (for the types).
  format: {
    esm: {},
    cjs: {
      deps: {
        skipNodeModulesBundle: false,
        onlyBundle: ["openapi-fetch"],
        // Code only: the declarations keep importing openapi-fetch's types.
        alwaysBundle: (id, importer) => id === "openapi-fetch" && !/\.d\.[cm]?ts$/.test(importer ?? ""),
      },
    },
  },
  fixedExtension: true,
  dts: { sourcemap: false },
  target: "es2022",
} satisfies UserConfig;

const config: UserConfig[] = defineConfig([
  // The universal entry: "neutral" so that nothing Node-specific is assumed or bundled in.
  { ...shared, entry: { index: "src/index.ts" }, platform: "neutral", tsconfig: "tsconfig.universal.json" },
  // The Node entry (adds the ca option through undici, an optional peer loaded on first use).
  {
    ...shared,
    entry: { "index.node": "src/index.node.ts" },
    platform: "node",
    tsconfig: "tsconfig.json",
    clean: false,
  },
]);

export default config;
