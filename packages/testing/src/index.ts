export { chromiumPath, launchChromium } from "./chromium.js";
export { importCycles, importGraph, importSpecifiers, isNodeBuiltin } from "./imports.js";
export { type PostgresServer, type StartPostgresOptions, startPostgres } from "./postgres.mjs";
export { type Vector, vectors } from "./vectors.js";
