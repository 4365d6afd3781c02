// What a source file reaches through its imports, read as text: enough to prove that a package's
// universal entry never loads a Node built-in, and that no package's files import each other in a
// circle, without running a bundler.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";

// A static import or export, a dynamic import() or a require(), each capturing the specifier.
const IMPORT = new RegExp(
  [
    /(?:^|[^\w$.])(?:import|export)\s*(?:type\s+)?(?:[\w$*{},\s]+?\s+from\s*)?["']([^"']+)["']/.source,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/.source,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/.source,
  ].join("|"),
  "g",
);

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
  return (
    specifier.startsWith("node:") ||
    builtinModules.includes(specifier) ||
    builtinModules.includes(specifier.split("/")[0]!)
  );
}

const SOURCE = /\.(?:[cm]?ts|[cm]?js)$/;
const SKIPPED = new Set(["node_modules", "dist", ".tsbuild", ".turbo"]);

/** Every source file under `dir` (TypeScript or JavaScript), build output and dependencies aside. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

/** The file a relative specifier names: `./a.js` is written for `./a.ts`, `./a.mjs` for `./a.mts` or `./a.mjs`. */
function resolveRelative(from: string, specifier: string): string {
  const named = join(dirname(from), specifier);
  const source = named.replace(/\.([cm]?)js$/, ".$1ts");
  return existsSync(source) ? source : named;
}

/**
 * Every import cycle among the source files under `dir`, one per set of files that reach each other,
 * each written as the shortest path around it from its first file in sort order (`a.ts → b.ts →
 * a.ts`, relative to `dir`), naming any other files caught in the same circle. Type-only imports
 * count: a cycle through types still ties the files' meanings to each other.
 */
export function importCycles(dir: string): string[] {
  const files = sourceFiles(dir).sort();
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = importSpecifiers(file)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => resolveRelative(file, specifier))
      .filter((target) => known.has(target));
    edges.set(file, [...new Set(targets)].sort());
  }
  return stronglyConnected(files, edges)
    .filter((group) => group.length > 1 || edges.get(group[0]!)!.includes(group[0]!))
    .map((group) => {
      const path = pathAround(group, edges);
      const rest = group.filter((file) => !path.includes(file));
      const around = path.map((file) => relative(dir, file)).join(" → ");
      return rest.length === 0
        ? around
        : `${around} (with ${rest.map((file) => relative(dir, file)).join(", ")} in the same circle)`;
    })
    .sort();
}

/** Tarjan's strongly connected components: the sets of files that all reach one another. */
function stronglyConnected(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      groups.push(group.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return groups;
}

/** The shortest way from a group's first file back to itself, staying inside the group. */
function pathAround(group: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[] {
  const start = group[0]!;
  const inside = new Set(group);
  const previous = new Map<string, string>();
  const queue = [start];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const next of edges.get(node) ?? []) {
      if (next === start) {
        const path = [node, start];
        for (let at = node; at !== start; at = previous.get(at)!) path.unshift(previous.get(at)!);
        return path;
      }
      if (inside.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
