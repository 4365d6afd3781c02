import type { ValidateFunction } from "ajv/dist/2020.js";
import { createSpecAjv, refTo } from "./ajv.js";
import type { OpenApiDocument } from "./spec.js";

const documentId = "https://gatekit.dev/spec/openapi.json";

/** Compiles validators for schemas inside an OpenAPI 3.1 document, addressed by JSON pointer. */
export function createValidator(spec: OpenApiDocument) {
  const ajv = createSpecAjv({ [documentId]: spec });
  const cache = new Map<string, ValidateFunction>();
  return {
    /** The validator for the schema at `pointer` (for example `/components/schemas/Amount`). */
    at(pointer: string): ValidateFunction {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: refTo(documentId, pointer) });
        cache.set(pointer, validate);
      }
      return validate;
    },
    /** Ajv's errors as one readable line. */
    errorsText(validate: ValidateFunction): string {
      return ajv.errorsText(validate.errors, { separator: "; " });
    },
  };
}
