// `npm start`: installs the workspace, builds the API docs and serves them on localhost.
import { installDependencies, pnpm } from "./workspace.mjs";

installDependencies();
pnpm(["exec", "turbo", "run", "docs", "--output-logs=errors-only"]);
pnpm(["--filter", "@gatekit/docs", "run", "serve"]);
