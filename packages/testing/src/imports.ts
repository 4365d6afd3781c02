// What a source file reaches through its imports, read as text: enough to prove that a package's
// universal entry never loads a Node built-in, without running a bundler.

import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";

const IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:type\s+)?(?:[\w$*{},\s]+?\s+from\s*)?["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\s*\(\s*["']([^"']+)["']\s*\)/g;

/** The module specifiers a file imports, exports from or requires, comments aside. */
export function importSpecifiers(file: string): string[] {
  const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
  return [...code.matchAll(IMPORT)].map((match) => (match[1] ?? match[2] ?? match[3])!);
}

/** Every source file reachable from `entry` through relative imports, with every specifier each one imports. */
export function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const found = importSpecifiers(file);
    graph.set(file, found);
    for (const specifier of found) {
      if (specifier.startsWith(".")) pending.push(join(dirname(file), specifier.replace(/\.js$/, ".ts")));
    }
  }
  return graph;
}

/** True for a Node built-in module, with or without the `node:` prefix (`crypto`, `node:fs/promises`). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtinModules.includes(specifier) || builtinModules.includes(specifier.split("/")[0]!);
}
