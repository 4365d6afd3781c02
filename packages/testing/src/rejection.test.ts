import { describe, expect, it } from "vitest";
import { rejection } from "./rejection.js";

describe("rejection", () => {
  it("resolves with the error a promise rejects with", async () => {
    const error = new Error("refused");
    await expect(rejection(Promise.reject(error))).resolves.toBe(error);
  });

  it("fails when the promise resolves", async () => {
    await expect(rejection(Promise.resolve(1))).rejects.toThrow("expected the call to fail, it succeeded");
  });
});
