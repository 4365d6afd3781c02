import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const guide = await readFile(new URL("../guides/01-signature.md", import.meta.url), "utf8");
const { vectors } = JSON.parse(
  await readFile(new URL("../../../spec/vectors/signature.json", import.meta.url), "utf8"),
);
const vector = vectors[0];

describe("the signing guide's worked example", () => {
  it("is the first known-answer vector", () => {
    for (const value of [
      vector.appId,
      vector.appSecret,
      vector.url,
      vector.timestamp,
      vector.nonce,
      vector.body,
      vector.sign,
    ]) {
      expect(guide).toContain(value);
    }
    expect(guide).toContain(`Authorization: ${vector.authorization}`);
  });

  it("shows content whose SHA-256 is the sign it states", () => {
    const [, content] = /```text\n([\s\S]*?)```/.exec(guide) ?? [];
    expect(content).toBeDefined();
    expect(createHash("sha256").update(content!, "utf8").digest("hex")).toBe(vector.sign);
  });
});
