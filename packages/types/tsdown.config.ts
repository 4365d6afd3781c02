import { defineConfig, type UserConfig } from "tsdown";

const config: UserConfig = defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  fixedExtension: true,
  dts: { sourcemap: false },
  platform: "neutral",
  target: "es2022",
});

export default config;
