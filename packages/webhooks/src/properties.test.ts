// Properties over many inputs: one changed byte anywhere that is signed makes verification fail,
// and nothing an attacker sends makes the verifier fail any other way than with its own error.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { envelope, examples, notifyUrl, now, options, signed } from "../test/fixtures.js";
import { isWebhookVerificationError, verifyNotification, WebhookVerificationError } from "./index.js";

const kinds = ["payment", "refund", "payout"] as const;

async function outcome(opts: Parameters<typeof verifyNotification>[0]): Promise<"ok" | WebhookVerificationError> {
  try {
    await verifyNotification(opts);
    return "ok";
  } catch (error) {
    if (isWebhookVerificationError(error)) return error;
    throw error;
  }
}

/** A position in `length` things and a non-zero XOR mask: one changed byte or character. */
const flip = (length: number, maxMask: number) =>
  fc.record({ at: fc.nat({ max: length - 1 }), mask: fc.integer({ min: 1, max: maxMask }) });

function flipChar(text: string, at: number, mask: number): string {
  return text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ mask) + text.slice(at + 1);
}

describe("any single changed byte fails verification", () => {
  it.each(kinds)("of the body (%s, as bytes)", async (kind) => {
    const s = signed(envelope(examples[kind]));
    const bytes = new TextEncoder().encode(s.body as string);
    await fc.assert(
      fc.asyncProperty(flip(bytes.length, 255), async ({ at, mask }) => {
        const body = bytes.slice();
        body[at]! ^= mask;
        const result = await outcome(options(s, { body }));
        expect(result).toBeInstanceOf(WebhookVerificationError);
        expect((result as WebhookVerificationError).reason).toBe("bad_signature");
      }),
    );
  });

  it("of the Authorization header", async () => {
    const s = signed(envelope(examples.payment));
    await fc.assert(
      fc.asyncProperty(flip(s.authorization.length, 127), async ({ at, mask }) => {
        const result = await outcome(options(s, { authorization: flipChar(s.authorization, at, mask) }));
        expect(result).toBeInstanceOf(WebhookVerificationError);
      }),
    );
  });

  it("of the notifyUrl", async () => {
    const s = signed(envelope(examples.refund));
    await fc.assert(
      fc.asyncProperty(flip(notifyUrl.length, 127), async ({ at, mask }) => {
        const result = await outcome(options(s, { notifyUrl: flipChar(notifyUrl, at, mask) }));
        expect(result).toBeInstanceOf(WebhookVerificationError);
        expect((result as WebhookVerificationError).reason).toBe("bad_signature");
      }),
    );
  });

  it("of the timestamp, even one that stays inside the clock window", async () => {
    const s = signed(envelope(examples.payout));
    await fc.assert(
      fc.asyncProperty(flip(s.timestamp.length, 127), async ({ at, mask }) => {
        const timestamp = flipChar(s.timestamp, at, mask);
        const result = await outcome(
          options(s, { authorization: s.authorization.replace(`timestamp=${s.timestamp}`, `timestamp=${timestamp}`) }),
        );
        expect(result).toBeInstanceOf(WebhookVerificationError);
        if (/^[1-9][0-9]*$/.test(timestamp) && Math.abs(Number(timestamp) - now) <= 300_000) {
          expect((result as WebhookVerificationError).reason).toBe("bad_signature");
        }
      }),
    );
  });
});

describe("hostile input never crashes the verifier", () => {
  const s = signed(envelope(examples.payment));
  const token = fc.string({ unit: "binary-ascii", maxLength: 40 });
  const headerish = fc.oneof(
    fc.string({ unit: "binary", maxLength: 300 }),
    fc
      .array(
        fc.tuple(
          fc.constantFrom("appId", "sign", "timestamp", "nonce", "x", "", "APPID"),
          fc.oneof(token, fc.constant(s.sign), fc.constant(String(now))),
        ),
        {
          maxLength: 6,
        },
      )
      .map((pairs) => `V2_SHA256 ${pairs.map(([k, v]) => `${k}=${v}`).join(",")}`),
  );

  it("random Authorization headers end in a WebhookVerificationError", async () => {
    await fc.assert(
      fc.asyncProperty(headerish, async (authorization) => {
        expect(await outcome(options(s, { authorization }))).toBeInstanceOf(WebhookVerificationError);
      }),
    );
  });

  it("random signed bodies are either a notification or invalid_body", async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.json().map((json) => json),
      fc
        .record({ code: fc.constantFrom("OK", "X"), errorMessage: fc.constantFrom(null, "e", 1), data: fc.anything() })
        .map((o) => JSON.stringify(o)),
      fc
        .dictionary(fc.constantFrom("paymentNo", "refundNo", "payoutNo", "status", "amount"), fc.jsonValue())
        .map((data) => envelope(data)),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const result = await outcome(options(signed(raw)));
        if (result !== "ok") expect(result.reason).toBe("invalid_body");
      }),
    );
  });

  it("random values in place of the body end in invalid_body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything().filter((v) => typeof v !== "string" && !(v instanceof Uint8Array)),
        async (body) => {
          const result = await outcome(options(s, { body }));
          expect(result).toBeInstanceOf(WebhookVerificationError);
          expect((result as WebhookVerificationError).reason).toBe("invalid_body");
        },
      ),
    );
  });
});
