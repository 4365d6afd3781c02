// The references of a fixture step: `${name.data.paymentNo}` (a field of an earlier step's
// answer) and `${env:VAR|default}` (the environment). A string that is exactly one reference
// takes the referred value as it is (a number stays a number); otherwise references are
// interpolated as text.

import { CliError, type Env } from "./command.js";
import { jsonPath } from "./fixture-file.js";

const REFERENCE = /\$\{([^}]*)\}/g;

/** `value` with every reference replaced; `where` names the step for errors. */
export function resolveReferences(
  value: unknown,
  results: ReadonlyMap<string, unknown>,
  env: Env,
  where: string,
  pointer = "",
): unknown {
  if (typeof value === "string") return resolveString(value, results, env, where, pointer);
  if (Array.isArray(value))
    return value.map((item, index) => resolveReferences(item, results, env, where, `${pointer}/${index}`));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        resolveReferences(item, results, env, where, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`),
      ]),
    );
  }
  return value;
}

function resolveString(
  text: string,
  results: ReadonlyMap<string, unknown>,
  env: Env,
  where: string,
  pointer: string,
): unknown {
  const whole = /^\$\{([^}]*)\}$/.exec(text);
  if (whole) return lookUp(whole[1]!, results, env, where, pointer);
  return text.replace(REFERENCE, (_, reference: string) => {
    const found = lookUp(reference, results, env, where, pointer);
    return typeof found === "string" ? found : JSON.stringify(found);
  });
}

function lookUp(
  reference: string,
  results: ReadonlyMap<string, unknown>,
  env: Env,
  where: string,
  pointer: string,
): unknown {
  const at = `${where} at ${jsonPath(pointer)}`;
  if (reference.startsWith("env:")) {
    const bar = reference.indexOf("|");
    const name = reference.slice(4, bar === -1 ? undefined : bar);
    const found = env[name];
    if (found !== undefined && found !== "") return found;
    if (bar !== -1) return reference.slice(bar + 1);
    throw new CliError(
      `${at}: \${${reference}} names ${name}, which is not set; set it or give a default: \${env:${name}|default}`,
    );
  }
  const [name, ...path] = reference.split(".");
  if (!name || !results.has(name)) {
    throw new CliError(
      `${at}: \${${reference}} refers to no earlier step named "${name}"; ` +
        `the earlier steps are ${[...results.keys()].join(", ") || "none"}`,
    );
  }
  let node: unknown = results.get(name);
  for (let index = 0; index < path.length; index++) {
    const key = path[index]!;
    const next = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    if (next === undefined)
      throw new CliError(
        `${at}: \${${reference}}: the answer of step "${name}" has no ${[name, ...path.slice(0, index + 1)].join(".")}`,
      );
    node = next;
  }
  return node;
}
