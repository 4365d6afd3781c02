// `--override field=value` for the create requests `trigger` sends: a dotted path into the
// request (`payer.email=a@b.example`, `payMethod.type=UPI_COLLECT`), checked against the request's
// schema in spec/openapi.yaml so a misspelt field is named instead of sent; `field:=<json>` sets a
// JSON value (a number, an object, null) rather than a string.

import { openapiDocument } from "../generated/documents.js";

type Schema = Readonly<Record<string, unknown>>;

/** One parsed override. */
export interface Override {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** Parses `field=value` or `field:=json`; returns a reason instead when it is neither. */
export function parseOverride(text: string): Override | { readonly problem: string } {
  const match = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)(:?=)(.*)$/s.exec(text);
  if (!match)
    return {
      problem:
        "--override takes field=value or field:=<json> " +
        `(such as description=Gift or payer.email=a@b.example), got "${text}"`,
    };
  const [, field, operator, raw] = match as unknown as [string, string, string, string];
  if (operator === "=") return { path: field.split("."), value: raw };
  try {
    return { path: field.split("."), value: JSON.parse(raw) as unknown };
  } catch {
    return { problem: `--override ${field}:= takes JSON (such as 5, true, null or {"type":"UPI"}), got "${raw}"` };
  }
}

/** The first field of `override` that `schemaName` (a components.schemas entry) has no place for, or undefined. */
export function unknownField(schemaName: string, override: Override): string | undefined {
  let schema: Schema | undefined = resolve({ $ref: `#/components/schemas/${schemaName}` });
  for (let index = 0; index < override.path.length; index++) {
    const properties = propertiesOf(schema!);
    const child = properties.known.get(override.path[index]!);
    if (child === undefined) {
      if (properties.open) return undefined;
      const known = [...properties.known.keys()];
      return (
        `${override.path.slice(0, index + 1).join(".")} is not a field of ` +
        `${schemaName}${index === 0 ? "" : ` at ${override.path.slice(0, index).join(".")}`}; ` +
        `its fields are ${known.join(", ")}`
      );
    }
    schema = child;
  }
  return undefined;
}

/** `body` with every override applied (objects on the way are created or copied). */
export function applyOverrides(body: Record<string, unknown>, overrides: readonly Override[]): Record<string, unknown> {
  const result = structuredClone(body);
  for (const { path, value } of overrides) {
    let node = result;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = node[key] =
        typeof next === "object" && next !== null && !Array.isArray(next) ? (next as Record<string, unknown>) : {};
    }
    node[path.at(-1)!] = value;
  }
  return result;
}

function resolve(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; typeof current["$ref"] === "string" && depth < 20; depth++) {
    const path = (current["$ref"] as string).replace(/^#\//, "").split("/");
    current = path.reduce<Schema>((node, key) => (node[key] ?? {}) as Schema, openapiDocument as Schema);
  }
  return current;
}

// The properties a value of `schema` may have, across allOf/oneOf/anyOf, and whether others are allowed.
function propertiesOf(schema: Schema): { known: Map<string, Schema>; open: boolean } {
  const known = new Map<string, Schema>();
  let open = false;
  const visit = (node: Schema, depth: number) => {
    const resolved = resolve(node);
    if (depth > 10) return;
    for (const [name, child] of Object.entries((resolved["properties"] ?? {}) as Record<string, Schema>))
      if (!known.has(name)) known.set(name, child);
    const branches = ["allOf", "oneOf", "anyOf"].flatMap((key) => (resolved[key] ?? []) as Schema[]);
    for (const branch of branches) visit(branch, depth + 1);
    if (branches.length === 0 && resolved["additionalProperties"] !== false && resolved["type"] !== "string")
      open = true;
  };
  visit(schema, 0);
  return { known, open };
}
