// The gateway's version, for the User-Agent of its notifications and the CLI's --version. Read
// from this package's package.json at run time, found by walking up from this module: the same
// code runs from src/ in tests and from a bundled chunk in dist/.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "@gatekit/server" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // Not here; look one level up.
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return "0.0.0";
}

/** This package's version. */
export const VERSION: string = findVersion();

/** Sent with every notification. */
export const USER_AGENT: string = `gatekit-gateway/${VERSION}`;
