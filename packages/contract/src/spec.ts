import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** Absolute paths of the contract's files. */
export const specFiles = {
  openapi: fileURLToPath(new URL("../../../spec/openapi.yaml", import.meta.url)),
  redocly: fileURLToPath(new URL("../../../spec/redocly.yaml", import.meta.url)),
  vectors: fileURLToPath(new URL("../../../spec/vectors/signature.json", import.meta.url)),
};

/** A loosely typed OpenAPI document, for walking the contract in tests. */
export type OpenApiDocument = Record<string, any>;

/** Reads and parses spec/openapi.yaml (a fresh copy each call, so callers may mutate it). */
export function loadSpec(): OpenApiDocument {
  return parse(readFileSync(specFiles.openapi, "utf8"));
}

/** Follows a local `$ref` (`#/components/...`) until a non-reference object is reached. */
export function deref<T = any>(spec: OpenApiDocument, node: any): T {
  let current = node;
  const seen = new Set<string>();
  while (current && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (!ref.startsWith("#/") || seen.has(ref)) throw new Error(`Cannot follow $ref ${ref}`);
    seen.add(ref);
    current = pointer(spec, ref.slice(1));
  }
  return current as T;
}

/** Reads the value at a JSON pointer such as `/components/schemas/Amount`. */
export function pointer(document: any, path: string): any {
  return path
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((node, key) => (node == null ? undefined : node[key]), document);
}

/** Escapes one JSON pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** One operation of the contract: a path's or a webhook's method, with where it lives. */
export interface ContractOperation {
  /** `paths` or `webhooks`. */
  section: "paths" | "webhooks";
  /** The path (`/v2/payment/create`) or webhook name. */
  key: string;
  method: string;
  operation: any;
  /** JSON pointer to the operation object. */
  at: string;
}

/** Every operation under `paths` and `webhooks`. */
export function operations(spec: OpenApiDocument): ContractOperation[] {
  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  return (["paths", "webhooks"] as const).flatMap((section) =>
    Object.entries(spec[section] ?? {}).flatMap(([key, item]: [string, any]) =>
      methods
        .filter((method) => item[method])
        .map((method) => ({
          section,
          key,
          method,
          operation: item[method],
          at: `/${section}/${escapePointer(key)}/${method}`,
        })),
    ),
  );
}
