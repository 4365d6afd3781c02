// What makes two create requests "the same content": their JSON with every object's keys sorted,
// compared by SHA-256. Key order and whitespace are not content; everything else is.

import { createHash } from "node:crypto";

/** The request as JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** SHA-256 (hex) of {@link canonicalJson}: stored with the object, compared on a repeat. */
export function requestHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  // No prototype: a "__proto__" key in the request is then an ordinary key, as JSON.parse made it.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
