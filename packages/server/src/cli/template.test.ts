import { describe, expect, it } from "vitest";
import { CliError } from "./command.js";
import { jsonPath, parseFixture } from "./fixture-file.js";
import { resolveReferences } from "./template.js";

const results = new Map<string, unknown>([
  ["pay", { code: "OK", data: { paymentNo: "PAY1", amount: "1.00", count: 3 } }],
]);

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error("did not fail");
}

describe("fixture references", () => {
  it.each<[unknown, unknown]>([
    ["${pay.data.paymentNo}", "PAY1"],
    ["${pay.data.count}", 3],
    ["order ${pay.data.paymentNo} of ${pay.data.amount}", "order PAY1 of 1.00"],
    ["${env:SHOP|https://shop.example}/notify", "https://shop.example/notify"],
    ["${env:HOME_URL}", "https://home.example"],
    [{ list: ["${pay.code}", 1, null] }, { list: ["OK", 1, null] }],
  ])("resolves %j", (value, expected) => {
    expect(resolveReferences(value, results, { HOME_URL: "https://home.example" }, 'step "next"')).toEqual(expected);
  });

  it.each<[unknown, RegExp]>([
    [
      { paymentNo: "${payy.data.paymentNo}" },
      new RegExp(
        /^step "next" at \$\.paymentNo: \$\{payy\.data\.paymentNo\} refers to no earlier step named "payy"; /.source +
          /the earlier steps are pay$/.source,
      ),
    ],
    [{ a: ["x", "${pay.data.missing}"] }, /^step "next" at \$\.a\[1\]: .*has no pay\.data\.missing$/],
    ["${env:NOT_SET_ANYWHERE}", /NOT_SET_ANYWHERE, which is not set/],
  ])("names the step and the path of a bad reference in %j", (value, message) => {
    expect(failure(() => resolveReferences(value, results, {}, 'step "next"'))).toMatch(message);
  });
});

describe("fixture files", () => {
  it("turns JSON pointers into JSON paths", () => {
    expect(jsonPath("/2/body/payer/a~1b")).toBe('$[2].body.payer["a/b"]');
  });

  it.each<[string, RegExp]>([
    ["{", /^f\.json is not JSON: /],
    ["[]", /^f\.json: \$ must NOT have fewer than 1 items/],
    ['[{"name":"a","operation":"payment/creat"}]', /^f\.json: \$\[0\]\.operation must be one of payment\/create, /],
    ['[{"name":"a","operation":"payment/create","cdoe":"OK"}]', /^f\.json: \$\[0\] has an unknown field "cdoe"/],
    ['[{"name":"a"}]', /^f\.json: \$\[0\] must have either operation .* or control/],
    ['[{"name":"a","control":"PUT /x"}]', /^f\.json: \$\[0\]\.control must be "GET <path>" or "POST <path>"/],
    [
      '[{"name":"a","control":"GET /health"},{"name":"a","control":"GET /health"}]',
      /^f\.json: \$\[1\]\.name "a" is used by an earlier step/,
    ],
  ])("refuses %s with the path of the offending field", (text, message) => {
    expect(failure(() => parseFixture("f.json", text))).toMatch(message);
  });
});
