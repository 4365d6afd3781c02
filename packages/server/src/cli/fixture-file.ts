// The fixture file of `gatekit-gateway fixtures`: a JSON list of steps, checked against a JSON
// schema (ajv) so that a mistake is reported with the JSON path of the offending field.

import { Ajv2020 } from "ajv/dist/2020.js";
import { CliError } from "./command.js";

/** The public operations a step can call, by their path under the base path. */
export const OPERATIONS = [
  "payment/create",
  "payment/query",
  "refund/create",
  "payout/create",
  "payout/query",
  "balance/query",
] as const;

/** One step of a fixture file. */
export type FixtureStep = {
  readonly name: string;
  readonly body?: unknown;
  /** The envelope code the step must answer with; `OK` when absent. */
  readonly code?: string;
} & ({ readonly operation: (typeof OPERATIONS)[number] } | { readonly control: string });

/** The JSON schema of a fixture file. */
export const FIXTURE_SCHEMA = {
  type: "array",
  minItems: 1,
  items: {
    type: "object",
    additionalProperties: false,
    required: ["name"],
    oneOf: [{ required: ["operation"] }, { required: ["control"] }],
    properties: {
      name: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_-]*$" },
      operation: { enum: [...OPERATIONS] },
      control: { type: "string", pattern: "^(GET|POST) /\\S*$" },
      body: {},
      code: { type: "string", minLength: 1 },
      description: { type: "string" },
    },
  },
} as const;

const validate = new Ajv2020({ allErrors: false, strict: true, strictRequired: false }).compile(FIXTURE_SCHEMA);

/** A JSON Pointer from ajv (`/2/operation`) as a JSON path (`$[2].operation`). */
export function jsonPath(pointer: string): string {
  return `$${pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) =>
      /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_]\w*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`,
    )
    .join("")}`;
}

/** Parses and checks the text of fixture file `file`; every problem is one CliError line naming the field. */
export function parseFixture(file: string, text: string): FixtureStep[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!validate(value)) {
    const error = validate.errors![0]!;
    const at = jsonPath(error.instancePath);
    const detail =
      error.keyword === "additionalProperties"
        ? `has an unknown field "${(error.params as { additionalProperty: string }).additionalProperty}" ` +
          "(a step has name, operation or control, body, code, description)"
        : error.keyword === "enum"
          ? `must be one of ${(error.params as { allowedValues: string[] }).allowedValues.join(", ")}`
          : error.keyword === "oneOf" || error.schemaPath.includes("/oneOf/")
            ? "must have either operation (a public operation) or control " +
              "(such as POST /payments/<paymentNo>/outcome), not both or neither"
            : error.keyword === "required"
              ? `is missing "${(error.params as { missingProperty: string }).missingProperty}"`
              : error.keyword === "pattern" && at.endsWith(".control")
                ? 'must be "GET <path>" or "POST <path>", such as POST /payments/${pay.data.paymentNo}/outcome'
                : error.keyword === "pattern" && at.endsWith(".name")
                  ? "must be letters, digits, _ or - (it is how later steps refer to this one)"
                  : (error.message ?? "is not valid");
    throw new CliError(`${file}: ${at} ${detail}`);
  }
  const steps = value as FixtureStep[];
  const seen = new Set<string>();
  steps.forEach((step, index) => {
    if (seen.has(step.name))
      throw new CliError(
        `${file}: $[${index}].name "${step.name}" is used by an earlier step; give each step its own name`,
      );
    seen.add(step.name);
  });
  return steps;
}
