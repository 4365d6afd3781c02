// `npm start`: installs the workspace, builds the reference gateway and the API docs, and runs the
// gateway on http://127.0.0.1:8080 with the docs at /docs. Arguments after `--` go to
// `gatekit-gateway start` (`npm start -- --port 9000`).
import { spawn } from "node:child_process";
import { env, installDependencies, pnpm, root } from "./workspace.mjs";

installDependencies();
pnpm(["exec", "turbo", "run", "build", "--filter=@gatekit/server...", "--filter=@gatekit/docs", "--output-logs=errors-only"]);

const gateway = spawn(process.execPath, ["packages/server/dist/cli/main.mjs", "start", ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});
// Ctrl-C reaches the gateway too (same process group); wait for its graceful exit instead of dying first.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => gateway.kill(signal));
gateway.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
