import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NOTIFICATION_ATTEMPT_HEADER, NOTIFICATION_ID_HEADER } from "./headers.js";

describe("notification headers", () => {
  it("are the names the contract's webhook parameters give", () => {
    const spec = readFileSync(new URL("../../../spec/openapi.yaml", import.meta.url), "utf8");
    expect(spec).toMatch(new RegExp(`NotificationId:\\n\\s+name: ${NOTIFICATION_ID_HEADER}\\n\\s+in: header`));
    expect(spec).toMatch(
      new RegExp(`NotificationAttempt:\\n\\s+name: ${NOTIFICATION_ATTEMPT_HEADER}\\n\\s+in: header`),
    );
  });
});
