import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { OpenApiDocument } from "./spec.js";

const documentId = "https://gatekit.dev/spec/openapi.json";

/** Compiles validators for schemas inside an OpenAPI 3.1 document, addressed by JSON pointer. */
export function createValidator(spec: OpenApiDocument) {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12 plus annotations (x-*, example, discriminator)
  // that ajv should ignore rather than reject. ajv's own discriminator support refuses a
  // `mapping`, which the contract's tagged unions carry; their variants' `const` types decide.
  const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: false, validateSchema: false });
  addFormats.default(ajv);
  ajv.addSchema(spec, documentId);
  const cache = new Map<string, ValidateFunction>();
  return {
    /** The validator for the schema at `pointer` (for example `/components/schemas/Amount`). */
    at(pointer: string): ValidateFunction {
      let validate = cache.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${documentId}#${pointer.split("/").map(encodeURIComponent).join("/")}` });
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
