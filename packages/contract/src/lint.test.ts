import { describe, expect, it } from "vitest";
import { lint, lintDocument } from "./lint.js";
import { deref, loadSpec, type OpenApiDocument } from "./spec.js";

// One deliberate violation per rule of ours: each mutation must make the lint fail with exactly
// that rule, which proves the rule is live and not silently passing.
const violations: { rule: string; breaks: string; mutate: (spec: OpenApiDocument) => void }[] = [
  {
    rule: "rule/operation-post-only",
    breaks: "an operation that is not POST",
    mutate: (spec) => {
      const item = spec.paths["/v2/balance/query"];
      item.get = structuredClone(item.post);
      item.get.operationId = "getBalance";
    },
  },
  {
    rule: "rule/property-camel-case",
    breaks: "a property name in snake_case",
    mutate: (spec) => {
      spec.components.schemas.Balance.properties.frozen_amount = { type: "string" };
    },
  },
  {
    rule: "rule/response-200-envelope",
    breaks: "a 200 response that does not use the envelope",
    mutate: (spec) => {
      const media = okMedia(spec, "/v2/balance/query");
      media.schema = { $ref: "#/components/schemas/BalanceQueryData" };
      delete media.examples;
      media.example = { balanceList: [] };
    },
  },
  {
    rule: "rule/request-body-example",
    breaks: "a request body without an example",
    mutate: (spec) => {
      const media = deref(spec, spec.paths["/v2/balance/query"].post.requestBody).content["application/json"];
      delete media.example;
      delete media.examples;
    },
  },
  {
    rule: "rule/response-200-example",
    breaks: "a 200 response without an example",
    mutate: (spec) => {
      const media = okMedia(spec, "/v2/balance/query");
      delete media.example;
      delete media.examples;
    },
  },
];

function okMedia(spec: OpenApiDocument, path: string) {
  return deref(spec, spec.paths[path].post.responses["200"]).content["application/json"];
}

describe("the contract's lint", () => {
  it("finds no problem in spec/openapi.yaml", async () => {
    expect(await lint()).toEqual([]);
  });

  it("finds no error in an unchanged copy, so the failures below come from the mutations", async () => {
    // The copy lives outside spec/, where spec/.redocly.lint-ignore.yaml does not apply, so the
    // one acknowledged warning (the standalone PaymentReturnParams schema) shows up here.
    const problems = await lintDocument(loadSpec());
    expect(problems.filter((problem) => problem.severity === "error")).toEqual([]);
  });

  it.each(violations)("fails on $breaks ($rule)", async ({ rule, mutate }) => {
    const spec = loadSpec();
    mutate(spec);
    const problems = await lintDocument(spec);
    expect(problems.filter((problem) => problem.severity === "error").map((problem) => problem.ruleId)).toContain(rule);
  });
});
