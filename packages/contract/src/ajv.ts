// The one Ajv set-up for OpenAPI 3.1 documents: the gateway validates requests and responses with
// it, and this package checks the contract's examples with it, so a schema the tests accept is a
// schema the gateway accepts.

import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS with its function on `default` under some loaders and as the module
// itself under others.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

/**
 * An Ajv instance with each document registered under its id, ready to compile `$ref`s into them
 * (see {@link refTo}).
 */
export function createSpecAjv(documents: Readonly<Record<string, object>>): Ajv2020 {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12 plus annotations (x-*, example, discriminator)
  // that Ajv should ignore rather than reject. Its own discriminator support refuses a `mapping`,
  // which the contract's tagged unions carry; each variant's `const` type already decides.
  const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: false, validateSchema: false });
  addFormats(ajv);
  for (const [id, document] of Object.entries(documents)) ajv.addSchema(document, id);
  return ajv;
}

/** The `$ref` to the schema at a JSON pointer (such as `/components/schemas/Amount`) in a document. */
export function refTo(documentId: string, pointer: string): string {
  return `${documentId}#${pointer.split("/").map(encodeURIComponent).join("/")}`;
}
