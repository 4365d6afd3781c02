export { type Reply, postChunked } from "./chunked.js";
export { chromiumPath, launchChromium } from "./chromium.js";
export { importCycles, importGraph, importSpecifiers, isNodeBuiltin } from "./imports.js";
export { extendSign, padding } from "./length-extension.js";
export { baseUrl, closeServer, freePort, listen } from "./loopback.js";
export { type PostgresServer, type StartPostgresOptions, startPostgres } from "./postgres.mjs";
export {
  type Exit,
  type ProcessRun,
  type RunningProcess,
  type RunProcessOptions,
  runProcess,
  startProcess,
  type StartProcessOptions,
} from "./process.js";
export { rejection } from "./rejection.js";
export {
  type FetchHandler,
  type Interception,
  type Interceptor,
  type Served,
  serve,
  type ServeOptions,
  write,
} from "./serve.js";
export { createTestPki, type TestPki } from "./tls.js";
export { until } from "./until.js";
export { expectedContent, isNotification, type Vector, vectors } from "./vectors.js";
