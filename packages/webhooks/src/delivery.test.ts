import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deliveryOf } from "./delivery.js";

describe("deliveryOf", () => {
  it.each([
    [
      "both headers, Fetch style",
      new Headers({ "Gatekit-Notification-Id": "NTF20261127105044000001", "Gatekit-Notification-Attempt": "3" }),
      { id: "NTF20261127105044000001", attempt: 3 },
    ],
    [
      "both headers, Node style",
      { "gatekit-notification-id": "NTF1", "gatekit-notification-attempt": "1" },
      { id: "NTF1", attempt: 1 },
    ],
    [
      "names in another case",
      { "Gatekit-Notification-Id": "NTF1", "GATEKIT-NOTIFICATION-ATTEMPT": "2" },
      { id: "NTF1", attempt: 2 },
    ],
    ["no headers", undefined, null],
    ["no id", { "gatekit-notification-attempt": "1" }, null],
    ["no attempt", { "gatekit-notification-id": "NTF1" }, null],
    ["attempt 0", { "gatekit-notification-id": "NTF1", "gatekit-notification-attempt": "0" }, null],
    ["attempt not a number", { "gatekit-notification-id": "NTF1", "gatekit-notification-attempt": "two" }, null],
    ["an id with a space", { "gatekit-notification-id": "NTF 1", "gatekit-notification-attempt": "1" }, null],
    ["an id repeated", { "gatekit-notification-id": ["NTF1", "NTF2"], "gatekit-notification-attempt": "1" }, null],
  ])("reads %s", (_name, headers, expected) => {
    expect(deliveryOf(headers)).toEqual(expected);
  });

  it("never throws, and returns either null or a well-formed delivery", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("gatekit-notification-id", "gatekit-notification-attempt", "other"), fc.string()),
        (headers) => {
          const delivery = deliveryOf(headers);
          if (delivery !== null) {
            expect(delivery.id).toMatch(/^[\x21-\x7e]{1,64}$/);
            expect(Number.isSafeInteger(delivery.attempt) && delivery.attempt >= 1).toBe(true);
          }
        },
      ),
    );
  });
});
