import { defineConfig, type UserConfig } from "tsdown";

const config: UserConfig = defineConfig({
  // The CLI (the `gatekit-gateway` bin) is an entry of the same build, so it shares the gateway's
  // chunk and import.meta.url there points one level below the package, as for index.
  entry: { index: "src/index.ts", "cli/main": "src/cli/main.ts" },
  format: ["esm", "cjs"],
  fixedExtension: true,
  dts: { sourcemap: false },
  platform: "node",
  target: "es2022",
  // import.meta.url locates the API docs (and the package version) relative to the module; the
  // CommonJS build needs it shimmed.
  shims: true,
});

export default config;
