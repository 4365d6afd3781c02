// Reading a control request's JSON body against its schema in spec/control.yaml, for the routes
// that live in their own files.

import type { Context } from "hono";
import { readBody } from "../http/body.js";
import type { GatewayEnv } from "../http/env.js";
import { parseStrictJson } from "../http/json.js";
import { describeErrors, schemaValidator } from "../http/validation.js";
import { invalid } from "./respond.js";

/** The body validated against `schema` (a schema of spec/control.yaml); an empty body counts as `{}`. Throws a 400 ControlError. */
export async function controlBody<T>(c: Context<GatewayEnv>, schema: string): Promise<T> {
  const bytes = await readBody(c.req.raw);
  if (bytes === null) throw invalid("the request body exceeds 1048576 bytes");
  let value: unknown = {};
  if (bytes.byteLength > 0) {
    const parsed = parseStrictJson(bytes);
    if (!parsed.ok) throw invalid(parsed.message);
    value = parsed.value;
  }
  const validate = schemaValidator("control", schema);
  if (!validate(value)) throw invalid(describeErrors(validate.errors));
  return value as T;
}
