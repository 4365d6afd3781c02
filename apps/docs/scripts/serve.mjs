// Serves the built docs on loopback. `PORT` and `HOST` override the defaults.
import { existsSync } from "node:fs";
import { createDocsServer, dist } from "./server.mjs";

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";
if (!existsSync(`${dist}index.html`)) {
  console.error("The docs are not built yet: run `pnpm docs` first.");
  process.exit(1);
}
const server = createDocsServer();
server.listen(port, host, () => {
  console.log(`API docs:  http://${host}:${port}/`);
  console.log(`Contract:  http://${host}:${port}/openapi.yaml`);
  console.log("Press Ctrl-C to stop.");
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
