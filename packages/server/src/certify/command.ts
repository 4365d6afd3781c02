// Running a merchant's command (an order or status source) through the shell, with a timeout and
// a cap on what it prints. The ids it is given are checked to be plain (letters, digits, - and
// _) before they go into the command line, and are also passed as environment variables.

import { spawn } from "node:child_process";
import { CertifyProblem, formatMs } from "./transport.js";

const MAX_OUTPUT_BYTES = 64 * 1024;
const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Replaces `{name}` in `template` with each value (URL-encoded when `encode`); throws for an id that is not plain. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>, encode: boolean): string {
  return template.replace(/\{(merchantTradeNo|paymentNo)\}/g, (_, name: string) => {
    const value = values[name] ?? "";
    if (!PLAIN_ID.test(value))
      throw new CertifyProblem(
        `the ${name} ${JSON.stringify(value.slice(0, 64))} is not made of letters, digits, - and _ only, ` +
          "so certify will not put it into a command or URL",
      );
    return encode ? encodeURIComponent(value) : value;
  });
}

/**
 * Runs `command` in the shell and resolves with what it printed; throws a CertifyProblem for a
 * failure or a timeout.
 */
export function runCommand(
  what: string,
  command: string,
  env: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    let done = false;
    const finish = (error: CertifyProblem | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(stdout);
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(new CertifyProblem(`${what} (${command}) did not finish within ${formatMs(timeoutMs)}`));
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT_BYTES) stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => finish(new CertifyProblem(`${what} (${command}) could not run: ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) return finish(undefined);
      const said = stderr.trim().split("\n").pop()?.slice(0, 200);
      finish(new CertifyProblem(`${what} (${command}) exited with ${code ?? signal}${said ? `: ${said}` : ""}`));
    });
  });
}
