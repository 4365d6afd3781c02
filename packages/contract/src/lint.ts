import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { type OpenApiDocument, specFiles } from "./spec.js";

/** One problem reported by `redocly lint`. */
export interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
}

const redocly = fileURLToPath(new URL("../node_modules/.bin/redocly", import.meta.url));

/** Lints a spec file (by default the contract) with spec/redocly.yaml and returns every problem. */
export async function lint(file = specFiles.openapi): Promise<LintProblem[]> {
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(redocly, ["lint", file, "--config", specFiles.redocly, "--format=json"], {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", () => {
      const start = stdout.indexOf("{");
      if (start < 0) reject(new Error(`redocly lint printed no report:\n${stderr}`));
      else resolve(stdout.slice(start));
    });
  });
  return (JSON.parse(output).problems as LintProblem[]).map(({ ruleId, severity, message }) => ({
    ruleId,
    severity,
    message,
  }));
}

/** Lints an in-memory document, written to a temporary file next to nothing else. */
export async function lintDocument(document: OpenApiDocument): Promise<LintProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), "gatekit-lint-"));
  try {
    const file = join(dir, "openapi.yaml");
    await writeFile(file, stringify(document, { aliasDuplicateObjects: false }));
    return await lint(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
