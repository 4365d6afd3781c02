import { defineConfig, type UserConfig } from "tsdown";

// The shop is an application, not a library: one ESM entry that `node dist/main.mjs` runs. The
// dependencies stay external, so @gatekit/* resolve to their own builds as an installed app's would.
const config: UserConfig = defineConfig({
  entry: { main: "src/main.ts" },
  format: ["esm"],
  fixedExtension: true,
  dts: false,
  platform: "node",
  target: "es2022",
});

export default config;
