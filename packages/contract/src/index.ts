export { lint, lintDocument, type LintProblem } from "./lint.js";
export {
  deref,
  escapePointer,
  loadSpec,
  operations,
  pointer,
  specFiles,
  type ContractOperation,
  type OpenApiDocument,
} from "./spec.js";
export { createValidator } from "./validator.js";
