// A control request's input, validated against spec/control.yaml like the public API's against
// its contract: the JSON body, and the query parameters of an operation.

import type { Context } from "hono";
import { controlDocument } from "../generated/documents.js";
import { readBody } from "../http/body.js";
import type { GatewayEnv } from "../http/env.js";
import { parseStrictJson } from "../http/json.js";
import { describeErrors, schemaValidator, validatorAt } from "../http/validation.js";
import { invalid } from "./respond.js";

/** Reads and validates a control request body; an empty body is `{}`. `schema` null: only `{}` is accepted. */
export async function requestBody<T>(c: Context<GatewayEnv>, schema: string | null): Promise<T> {
  const bytes = await readBody(c.req.raw);
  if (bytes === null) throw invalid("the request body exceeds 1048576 bytes");
  if (bytes.byteLength === 0) {
    if (schema === null) return {} as T;
    const validate = schemaValidator("control", schema);
    if (validate({})) return {} as T;
    throw invalid(describeErrors(validate.errors));
  }
  const parsed = parseStrictJson(bytes);
  if (!parsed.ok) throw invalid(parsed.message);
  if (schema === null) {
    if (
      typeof parsed.value === "object" &&
      parsed.value !== null &&
      !Array.isArray(parsed.value) &&
      Object.keys(parsed.value).length === 0
    )
      return {} as T;
    throw invalid("this call takes no parameters: send no body or {}");
  }
  const validate = schemaValidator("control", schema);
  if (!validate(parsed.value)) throw invalid(describeErrors(validate.errors));
  return parsed.value as T;
}

/** The query parameters of a control operation, each with the validator of its schema. */
export function validatorsOfParameters(pointer: string) {
  const [, , path, method] = pointer.split("/");
  const item = (controlDocument["paths"] as Record<string, Record<string, { parameters?: { name: string }[] }>>)[
    path!.replaceAll("~1", "/")
  ];
  const parameters = item?.[method!]?.parameters ?? [];
  return parameters.map(
    (parameter, index) => [parameter.name, validatorAt("control", `${pointer}/${index}/schema`)] as const,
  );
}
