// `pnpm generate`: writes every generated file (see generated.mjs) from spec/ and the certify case
// list. Never edit the output by hand; the drift test fails when it is stale.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { render, targets, targetUrl } from "./generated.mjs";

for (const path of Object.keys(targets)) {
  const file = fileURLToPath(targetUrl(path));
  const next = await render(path);
  const current = await readFile(file, "utf8").catch(() => "");
  if (current === next) continue;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, next);
  console.log(`generated ${path}`);
}
