// Builds dist/index.html: the contract rendered by Redocly, with the guides in guides/ added as
// sections of the same page so the reference and the explanations travel together offline.
import { spawnSync } from "node:child_process";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = new URL("../", import.meta.url);
const specUrl = new URL("../../spec/openapi.yaml", root);
const dist = new URL("dist/", root);

const specText = await readFile(specUrl, "utf8");
const spec = parse(specText);

// Guides are markdown files named NN-slug.md; the first heading is the section's title.
const guideFiles = (await readdir(new URL("guides/", root))).filter((name) => name.endsWith(".md")).sort();
const guides = [];
for (const file of guideFiles) {
  const text = await readFile(new URL(`guides/${file}`, root), "utf8");
  const [, title, body] = /^# (.+)\n([\s\S]*)$/.exec(text) ?? [];
  if (!title) throw new Error(`guides/${file} must start with a "# Title" line.`);
  guides.push({ name: title, description: body.trim(), "x-traitTag": true });
}

// Redocly lists trait tags as plain sections; grouping keeps the guides ahead of the reference
// and the notifications (which the gateway sends, not the merchant) apart from the operations.
spec.tags = [...guides, ...(spec.tags ?? [])];
spec["x-tagGroups"] = [
  { name: "Guides", tags: guides.map((guide) => guide.name) },
  { name: "API reference", tags: tagsOf(spec.paths) },
  { name: "Webhooks", tags: tagsOf(spec.webhooks) },
];

await mkdir(dist, { recursive: true });
const bundled = fileURLToPath(new URL("openapi.docs.json", dist));
await writeFile(bundled, JSON.stringify(spec, null, 2));
// The plain contract is published beside the page for download and for code generators.
await writeFile(new URL("openapi.yaml", dist), specText);

const redocly = fileURLToPath(new URL("node_modules/.bin/redocly", root));
const result = spawnSync(
  redocly,
  [
    "build-docs",
    bundled,
    "--output",
    fileURLToPath(new URL("index.html", dist)),
    "--title",
    spec.info.title,
    "--inlineBundle",
    "--template",
    fileURLToPath(new URL("template.hbs", root)),
    "--config",
    fileURLToPath(new URL("../../spec/redocly.yaml", root)),
  ],
  { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, REDOCLY_TELEMETRY: "off" }, encoding: "utf8" },
);
if (result.status !== 0) {
  process.stderr.write(result.stdout + result.stderr);
  process.exit(result.status ?? 1);
}
console.log(`API docs written to ${fileURLToPath(new URL("index.html", dist))}`);

function tagsOf(items = {}) {
  const tags = new Set();
  for (const item of Object.values(items)) {
    for (const operation of Object.values(item)) for (const tag of operation.tags ?? []) tags.add(tag);
  }
  return [...tags];
}
