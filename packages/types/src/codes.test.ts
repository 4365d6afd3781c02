import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isAuthCode, isKnownResponseCode, ResponseCodes } from "./codes.js";

const spec = parse(await readFile(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8"));

function enumValues(schema: unknown): string[] {
  if (Array.isArray(schema)) return schema.flatMap(enumValues);
  if (!schema || typeof schema !== "object") return [];
  const { enum: values, ...rest } = schema as { enum?: string[] };
  return [...(values ?? []), ...Object.values(rest).flatMap(enumValues)];
}

describe("response codes", () => {
  it("are exactly the codes the contract's KnownResponseCode names", () => {
    const contract = enumValues(spec.components.schemas.KnownResponseCode);
    expect(contract.length).toBeGreaterThan(0);
    expect(new Set(Object.values(ResponseCodes))).toEqual(new Set(contract));
  });

  it("tell known codes from anything else", () => {
    expect(isKnownResponseCode("Payment.Common.Rejected")).toBe(true);
    expect(isKnownResponseCode("Payment.Common.Something_New")).toBe(false);
    expect(isKnownResponseCode(42)).toBe(false);
  });

  it("mark the Common.Auth codes as authentication failures", () => {
    expect(isAuthCode(ResponseCodes.SignFailed)).toBe(true);
    expect(isAuthCode(ResponseCodes.RequestParameterError)).toBe(false);
  });
});
