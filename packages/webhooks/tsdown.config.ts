import { defineConfig, type UserConfig } from "tsdown";

// One build for every entry, so the adapters and the main entry share one chunk (one
// WebhookVerificationError class). "neutral": nothing Node-specific is assumed or bundled in, and
// @gatekit/signature stays external, so its own "node" condition still picks node:crypto.
const config: UserConfig = defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/adapters/node.ts",
    express: "src/adapters/express.ts",
    fastify: "src/adapters/fastify.ts",
    hono: "src/adapters/hono.ts",
    next: "src/adapters/next.ts",
  },
  format: ["esm", "cjs"],
  fixedExtension: true,
  dts: { sourcemap: false },
  platform: "neutral",
  target: "es2022",
  tsconfig: "tsconfig.universal.json",
});

export default config;
