import { describe, expect, it } from "vitest";
import { deref, escapePointer, loadSpec, operations } from "./spec.js";
import { createValidator } from "./validator.js";

const spec = loadSpec();
const validator = createValidator(spec);

interface ExampleCase {
  name: string;
  schemaAt: string;
  value: unknown;
}

// Every media type with a schema, under every request body and response of every operation and
// webhook, with the JSON pointer of its schema so refs inside it resolve against the document.
function mediaTypes() {
  const found: { where: string; schemaAt: string; media: any }[] = [];
  for (const { key, method, operation, at } of operations(spec)) {
    const bodies: [string, string, any][] = [];
    if (operation.requestBody) bodies.push(["request", `${at}/requestBody`, operation.requestBody]);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      bodies.push([`response ${status}`, `${at}/responses/${escapePointer(status)}`, response]);
    }
    for (const [label, pointerTo, node] of bodies) {
      // Follow a $ref to its target so the schema pointer is the real location.
      const base = node.$ref ? node.$ref.slice(1) : pointerTo;
      const resolved = deref(spec, node);
      for (const [type, media] of Object.entries<any>(resolved.content ?? {})) {
        if (!media.schema) continue;
        found.push({
          where: `${method.toUpperCase()} ${key} ${label} (${type})`,
          schemaAt: `${base}/content/${escapePointer(type)}/schema`,
          media,
        });
      }
    }
  }
  return found;
}

function examplesOf(media: any): { name: string; value: unknown }[] {
  const list: { name: string; value: unknown }[] = [];
  if ("example" in media) list.push({ name: "example", value: media.example });
  for (const [name, example] of Object.entries(media.examples ?? {}))
    list.push({ name, value: deref<any>(spec, example).value });
  return list;
}

const media = mediaTypes();
const cases: ExampleCase[] = media.flatMap(({ where, schemaAt, media: m }) =>
  examplesOf(m).map(({ name, value }) => ({ name: `${where}: ${name}`, schemaAt, value })),
);

describe("the contract's examples", () => {
  it("include at least one example for every request and response body", () => {
    const missing = media.filter(({ media: m }) => examplesOf(m).length === 0).map(({ where }) => where);
    expect(missing).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(operations(spec).length * 2);
  });

  it.each(cases)("$name is valid against its schema", ({ schemaAt, value }) => {
    const validate = validator.at(schemaAt);
    const valid = validate(value);
    expect(valid, validator.errorsText(validate)).toBe(true);
  });

  it("cannot pass an example that breaks its schema", () => {
    const amount = validator.at("/components/schemas/Amount");
    expect(amount("100.05")).toBe(true);
    for (const wrong of ["100.5", "1e3", "-1.00", 100.05, "1234567890123456.00"]) expect(amount(wrong)).toBe(false);
  });
});
