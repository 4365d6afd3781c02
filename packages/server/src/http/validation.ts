// Request and response validation with ajv, compiled from the very schemas of the contract
// (spec/openapi.yaml) and of the control API (spec/control.yaml), never from hand-written checks.
// Validators are compiled once per process and shared by every gateway in it.

import { createSpecAjv, refTo } from "@gatekit/contract/ajv";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { controlDocument, openapiDocument, type SpecDocument } from "../generated/documents.js";

/** The two documents validators are compiled from. */
export type DocumentName = "openapi" | "control";

const ids: Record<DocumentName, string> = {
  openapi: "https://gatekit.dev/spec/openapi.json",
  control: "https://gatekit.dev/spec/control.json",
};
const documents: Record<DocumentName, SpecDocument> = { openapi: openapiDocument, control: controlDocument };

let ajv: Ajv2020 | undefined;
const cache = new Map<string, ValidateFunction>();
let variants: Set<string> | undefined;

function instance(): Ajv2020 {
  ajv ??= createSpecAjv({ [ids.openapi]: openapiDocument, [ids.control]: controlDocument });
  return ajv;
}

/** The validator of the schema at `pointer` (such as `/components/schemas/Amount`) in a document. */
export function validatorAt(document: DocumentName, pointer: string): ValidateFunction {
  const key = `${document}#${pointer}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = instance().compile({ $ref: refTo(ids[document], pointer) });
    cache.set(key, validate);
  }
  return validate;
}

/** The validator of a named schema under `components/schemas`. */
export function schemaValidator(document: DocumentName, name: string): ValidateFunction {
  return validatorAt(document, `/components/schemas/${name}`);
}

/**
 * Ajv's errors as one line that names each field, such as
 * `amount: must match ^\d{1,15}\.\d{2}$; payer.phone: is required`. The errors inside a `oneOf`
 * (a tagged union such as payMethod, or the "exactly one of" query requests) are narrowed to the
 * variant that was meant, so the message is about the field that is wrong rather than about every
 * variant that did not match.
 */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, limit = 8): string {
  if (!errors || errors.length === 0) return "the request does not match its schema";
  const messages = [...new Set(narrow(errors).map(describe))];
  return messages.slice(0, limit).join("; ");
}

/** The schemas that are variants of some `oneOf` in either document. */
function variantNames(): Set<string> {
  if (!variants) {
    variants = new Set();
    for (const document of Object.values(documents)) {
      const schemas = ((document["components"] as Record<string, unknown> | undefined)?.["schemas"] ?? {}) as Record<
        string,
        { oneOf?: { $ref?: string }[] }
      >;
      for (const schema of Object.values(schemas)) {
        for (const branch of schema.oneOf ?? []) if (branch.$ref) variants.add(branch.$ref.split("/").pop()!);
      }
    }
  }
  return variants;
}

// The variant an error comes from: ajv reports errors inside a referenced schema with a schemaPath
// relative to it, `#/components/schemas/<Variant>/...`. Variants in this contract are flat, so an
// error is never reported from a schema deeper than the variant itself.
function variantOf(error: ErrorObject): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)\//.exec(error.schemaPath);
  return match && variantNames().has(match[1]!) ? match[1] : undefined;
}

function narrow(errors: readonly ErrorObject[]): ErrorObject[] {
  const unions = errors.filter((error) => error.keyword === "oneOf");
  if (unions.length === 0) return [...errors];
  const result = errors.filter(
    (error) => error.keyword !== "oneOf" && error.keyword !== "anyOf" && variantOf(error) === undefined,
  );
  for (const union of unions) {
    const at = union.instancePath;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      const variant = variantOf(error);
      if (variant === undefined || !(error.instancePath === at || error.instancePath.startsWith(`${at}/`))) continue;
      const list = branches.get(variant) ?? [];
      list.push(error);
      branches.set(variant, list);
    }
    result.push(...chooseBranch(at, [...branches.values()]));
  }
  return result;
}

// A branch whose tag (`const`) does not match was not meant. When none was meant, the tag itself
// is wrong, and the tags of all the branches are its allowed values. Of the rest: errors they all
// share are certainly wrong; otherwise a branch that matches structurally (no missing or
// forbidden field) tells what is wrong in it; otherwise the caller mixed up the alternatives.
function chooseBranch(at: string, branches: ErrorObject[][]): ErrorObject[] {
  const meant = branches.filter((branch) => !branch.some((error) => error.keyword === "const"));
  if (meant.length === 0) {
    const tags = branches.flatMap((branch) => branch.filter((error) => error.keyword === "const"));
    const instancePath = tags[0]?.instancePath ?? at;
    const allowedValues = [
      ...new Set(tags.filter((tag) => tag.instancePath === instancePath).map((tag) => tag.params["allowedValue"])),
    ];
    return [
      {
        instancePath,
        schemaPath: "#/oneOf",
        keyword: "enum",
        params: { allowedValues },
        message: "must be one of the allowed values",
      },
    ];
  }
  if (meant.length === 1) return meant[0]!;
  const key = (error: ErrorObject) => `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
  const shared = meant[0]!.filter((error) =>
    meant.every((branch) => branch.some((other) => key(other) === key(error))),
  );
  if (shared.length > 0) return shared;
  const structural = meant.filter(
    (branch) => !branch.some((error) => error.keyword === "required" || error.keyword === "false schema"),
  );
  if (structural.length > 0) return structural[0]!;
  const names = new Set<string>();
  for (const branch of meant) {
    for (const error of branch) {
      if (error.keyword === "required") names.add(String(error.params["missingProperty"]));
      else if (error.keyword === "false schema") names.add(lastSegment(error.instancePath));
    }
  }
  const list = [...names].sort();
  const message = `send exactly one of ${list.slice(0, -1).join(", ")}${list.length > 1 ? " or " : ""}${list.at(-1)}`;
  return [{ instancePath: at, schemaPath: "#/oneOf", keyword: "oneOf", params: {}, message }];
}

function describe(error: ErrorObject): string {
  const path = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${join(path, String(params["missingProperty"]))}: is required`;
    case "additionalProperties":
      return `${join(path, String(params["additionalProperty"]))}: is not allowed`;
    case "false schema":
      return `${path || "body"}: is not allowed here`;
    case "type":
      return `${path || "body"}: must be ${article(String(params["type"]))}`;
    case "pattern":
      return `${path}: must match ${String(params["pattern"])}`;
    case "maxLength":
      return `${path}: must be at most ${String(params["limit"])} characters`;
    case "minLength":
      return `${path}: must be at least ${String(params["limit"])} characters`;
    case "enum":
      return `${path}: must be one of ${(params["allowedValues"] as unknown[]).join(", ")}`;
    case "const":
      return `${path}: must be ${String(params["allowedValue"])}`;
    case "format":
      return (
        `${path}: must be ` +
        `${params["format"] === "uri" ? "an absolute URI" : `a valid ${String(params["format"])}`}`
      );
    case "oneOf":
      // The "exactly one of" message names its fields itself.
      return path === "" ? (error.message ?? "does not match") : `${path}: ${error.message ?? "does not match"}`;
    default:
      return `${path || "body"}: ${error.message ?? "is not valid"}`;
  }
}

/** A JSON pointer as a field path: `/payer/email` → `payer.email`, `/currencies/0` → `currencies[0]`. */
export function fieldPath(pointer: string): string {
  if (pointer === "") return "";
  let path = "";
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === "" ? segment : `.${segment}`;
  }
  return path;
}

function join(path: string, field: string): string {
  return path === "" ? field : `${path}.${field}`;
}

function lastSegment(pointer: string): string {
  return pointer
    .slice(pointer.lastIndexOf("/") + 1)
    .replaceAll("~1", "/")
    .replaceAll("~0", "~");
}

function article(type: string): string {
  switch (type) {
    case "object":
    case "array":
    case "integer":
      return `an ${type}`;
    case "null":
      return "null";
    default:
      return type.includes(",") ? `one of ${type}` : `a ${type}`;
  }
}
