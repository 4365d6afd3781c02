import { defineConfig, type UserConfig } from "tsdown";

const shared = {
  format: ["esm", "cjs"],
  fixedExtension: true,
  dts: { sourcemap: false },
  target: "es2022",
} satisfies UserConfig;

const config: UserConfig[] = defineConfig([
  // The universal entry: "neutral" so that nothing Node-specific is assumed or bundled in.
  { ...shared, entry: { index: "src/index.ts" }, platform: "neutral", tsconfig: "tsconfig.universal.json" },
  // The Node entry (adds the ca option through undici, an optional peer loaded on first use).
  { ...shared, entry: { "index.node": "src/index.node.ts" }, platform: "node", tsconfig: "tsconfig.json", clean: false },
]);

export default config;
