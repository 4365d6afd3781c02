// Renders TypeScript from the contract. `generate.mjs` writes the result; the drift test compares
// it with what is committed, so both must go through this one function.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

/** The contracts this package generates types from, keyed by the file they are written to. */
export const targets = {
  "src/generated/schema.ts": new URL("../../../spec/openapi.yaml", import.meta.url),
};

const packageRoot = new URL("../", import.meta.url);

/** Renders one target's TypeScript source from its spec. */
export async function render(specUrl) {
  const spec = await readFile(specUrl, "utf8");
  const ast = await openapiTS(spec, { silent: true, cwd: specUrl });
  const source = fileURLToPath(specUrl).slice(fileURLToPath(new URL("../../../", import.meta.url)).length);
  return `${COMMENT_HEADER.replace("openapi-typescript.", `openapi-typescript from ${source}.`)}${astToString(ast)}`;
}

/** Resolves a target path relative to the package root. */
export function targetUrl(path) {
  return new URL(path, packageRoot);
}
