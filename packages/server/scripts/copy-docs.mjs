#!/usr/bin/env node
// Part of the build: puts the built API docs page (apps/docs) into dist/docs/, so that the
// published package serves them at /docs wherever it is installed. turbo builds the docs first
// (turbo.json: @gatekit/server#build depends on @gatekit/docs#build).

import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../../../apps/docs/dist/index.html", import.meta.url));
const target = fileURLToPath(new URL("../dist/docs/index.html", import.meta.url));

if (!existsSync(source)) {
  console.error(
    `The API docs are not built (${source} is missing). Build them first: ` +
      "pnpm exec turbo run build --filter @gatekit/server...",
  );
  process.exit(1);
}
mkdirSync(fileURLToPath(new URL("../dist/docs/", import.meta.url)), { recursive: true });
copyFileSync(source, target);
