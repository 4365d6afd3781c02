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
  // The Node entries share one build, so "." and "./node" load the same chunk (one SignatureError class).
  {
    ...shared,
    entry: { "index.node": "src/index.node.ts", node: "src/node.ts" },
    platform: "node",
    tsconfig: "tsconfig.json",
    clean: false,
  },
]);

export default config;
