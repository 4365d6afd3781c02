// `pnpm size`: what @gatekit/signature, @gatekit/client and @gatekit/webhooks cost in a browser or
// edge bundle. Each case is bundled from the built `dist/` (run `pnpm build` first) the way an
// application's bundler would: platform "browser" (so the `node` export condition is never
// taken and the universal entries are used), every dependency inlined, minified, ESM. Prints the
// raw and gzip sizes; `--json` prints them as JSON instead.
//
// A bundle that still imports something (a `node:` built-in, say) is not one a browser can run:
// the script then exits with 1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { rolldown } from "rolldown";

const root = new URL("../", import.meta.url).pathname;

/** The universal (non-Node) ESM entry of a package's published "." export. */
function universalEntry(dir) {
  const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  const dot = (manifest.publishConfig?.exports ?? manifest.exports)["."];
  const file = dot.import?.default ?? dot.default;
  if (typeof file !== "string") throw new Error(`${manifest.name}: no universal import entry in exports["."]`);
  return join(root, dir, file);
}

/**
 * The cases: the whole entry (`export *`: everything the package exports, nothing shaken off) and
 * the typical use (what an application imports), both with their dependencies inlined. For
 * webhooks, also its own code alone, with the other @gatekit packages left out.
 */
export const cases = [
  { package: "@gatekit/signature", dir: "packages/signature", label: "whole entry", exports: "*" },
  { package: "@gatekit/signature", dir: "packages/signature", label: "sign + verify", exports: ["sign", "verify"] },
  { package: "@gatekit/client", dir: "packages/client", label: "whole entry", exports: "*" },
  {
    package: "@gatekit/client",
    dir: "packages/client",
    label: "createGatewayClient",
    exports: ["createGatewayClient"],
  },
  { package: "@gatekit/webhooks", dir: "packages/webhooks", label: "whole entry", exports: "*" },
  {
    package: "@gatekit/webhooks",
    dir: "packages/webhooks",
    label: "verifyRequest + ackResponse",
    exports: ["verifyRequest", "ackResponse"],
  },
  {
    package: "@gatekit/webhooks",
    dir: "packages/webhooks",
    label: "whole entry, own code only (@gatekit/* external)",
    exports: "*",
    external: [/^@gatekit\//],
    ownCodeOnly: true,
  },
];

/** Bundles one case; returns its sizes and whatever the bundle still imports. */
export async function measure(spec) {
  const entry = universalEntry(spec.dir);
  const source =
    spec.exports === "*"
      ? `export * from ${JSON.stringify(entry)};`
      : `export { ${spec.exports.join(", ")} } from ${JSON.stringify(entry)};`;
  const warnings = [];
  const bundle = await rolldown({
    input: "gatekit-size-entry",
    platform: "browser",
    external: spec.external ?? [],
    treeshake: true,
    onLog: (level, log) => void (level === "warn" && warnings.push(log.message)),
    plugins: [
      {
        name: "gatekit-size-entry",
        resolveId: (id) => (id === "gatekit-size-entry" ? "\0gatekit-size-entry" : null),
        load: (id) => (id === "\0gatekit-size-entry" ? source : null),
      },
    ],
  });
  try {
    const { output } = await bundle.generate({ format: "esm", minify: true, codeSplitting: false });
    const chunks = output.filter((item) => item.type === "chunk");
    const code = chunks.map((chunk) => chunk.code).join("\n");
    const imports = [...new Set(chunks.flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports]))];
    const bytes = Buffer.from(code);
    return {
      package: spec.package,
      case: spec.label,
      ownCodeOnly: spec.ownCodeOnly === true,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      imports,
      warnings,
    };
  } finally {
    await bundle.close();
  }
}

const kB = (n) => `${(n / 1024).toFixed(2)} KiB`;

async function main() {
  const json = process.argv.includes("--json");
  const results = [];
  for (const spec of cases) results.push(await measure(spec));
  // Externals chosen on purpose (own-code-only cases) are expected; anything else is a leak.
  const leaks = results.filter((r) => r.imports.some((id) => !(r.ownCodeOnly && id.startsWith("@gatekit/"))));
  if (json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    console.log(
      "Browser/edge bundles (platform browser, minified ESM, dependencies inlined; 1 KiB = 1024 bytes; " +
        "gzip -9, brotli q11):\n",
    );
    const rows = results.map((r) => [r.package, r.case, kB(r.raw), kB(r.gzip), kB(r.brotli)]);
    const head = ["package", "case", "raw", "gzip", "brotli"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
    console.log(line(head));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const row of rows) console.log(line(row));
    for (const r of results) for (const w of r.warnings) console.log(`warning (${r.package}, ${r.case}): ${w}`);
  }
  for (const r of leaks) {
    console.error(`✖ ${r.package} (${r.case}): the browser bundle still imports ${r.imports.join(", ")}`);
  }
  process.exit(leaks.length > 0 ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
