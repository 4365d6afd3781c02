import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diagnoseSignature } from "./index.js";
import { diagnoseSignatureSync, signSync } from "./node.js";
import type { SignInput } from "./types.js";

// What the verifier sees: the request as it arrived.
const received: SignInput = {
  appId: "app_1",
  appSecret: "s3cret-value-never-shown",
  method: "POST",
  url: "https://gw.example.test/pg/v2/payment/create",
  timestamp: "1796280644123",
  nonce: "0123456789abcdef0123456789abcdef",
  body: '{"amount":"100.05","currency":"INR","description":"Café"}',
};
const hints = { basePath: "/pg", origins: [{ origin: "https://gateway.internal:8443", source: "X-Forwarded-Host" }] };

// One row per mistake: what the signer signed instead, and the kind it must be diagnosed as.
const rows: [string, Partial<SignInput>, string, RegExp][] = [
  [
    "signed without the base path",
    { url: "https://gw.example.test/v2/payment/create" },
    "base_path",
    /without the base path \/pg/,
  ],
  [
    "signed http instead of https",
    { url: "http://gw.example.test/pg/v2/payment/create" },
    "scheme",
    /http:\/\/ instead of https:\/\//,
  ],
  [
    "signed with the default port",
    { url: "https://gw.example.test:443/pg/v2/payment/create" },
    "default_port",
    /with the default port :443/,
  ],
  [
    "signed the host a proxy forwarded",
    { url: "https://gateway.internal:8443/pg/v2/payment/create" },
    "host",
    /the URL from X-Forwarded-Host/,
  ],
  [
    "signed with a trailing slash",
    { url: "https://gw.example.test/pg/v2/payment/create/" },
    "trailing_slash",
    /with a trailing slash/,
  ],
  [
    "signed the body indented",
    { body: JSON.stringify(JSON.parse(received.body as string), null, 2) },
    "body_reserialized",
    /indented/,
  ],
  ["signed a trailing newline", { body: `${received.body}\n` }, "trailing_newline", /with a trailing newline/],
  [
    "signed the body as Latin-1",
    { body: Uint8Array.from(received.body as string, (c) => c.charCodeAt(0)) },
    "body_encoding",
    /ISO-8859-1 bytes/,
  ],
  ["signed the timestamp in seconds", { timestamp: "1796280644" }, "timestamp_seconds", /in seconds/],
];

describe("diagnoseSignature", () => {
  it.each(rows)("names the mistake when the signer %s", async (_name, change, kind, message) => {
    const sign = signSync({ ...received, ...change });
    const mistake = diagnoseSignatureSync({ ...received, sign }, hints);
    expect(mistake?.kind).toBe(kind);
    expect(mistake?.signed).toMatch(message);
    expect(await diagnoseSignature({ ...received, sign }, hints)).toEqual(mistake);
  });

  it("names a body re-serialized with sorted keys", () => {
    const body = '{"currency":"INR","amount":"100.05"}';
    const sign = signSync({ ...received, body: '{"amount":"100.05","currency":"INR"}' });
    expect(diagnoseSignatureSync({ ...received, body, sign }, hints)).toMatchObject({
      kind: "body_reserialized",
      signed: expect.stringMatching(/sorted/),
    });
  });

  it(
    "names a body sent without the trailing newline that was signed, " + "and a signer in seconds reading milliseconds",
    () => {
      const withNewline = `${received.body}\n`;
      expect(diagnoseSignatureSync({ ...received, body: withNewline, sign: signSync(received) })?.kind).toBe(
        "trailing_newline",
      );
      expect(
        diagnoseSignatureSync({
          ...received,
          timestamp: "1796280644",
          sign: signSync({ ...received, timestamp: "1796280644000" }),
        })?.kind,
      ).toBe("timestamp_seconds");
    },
  );

  it("finds nothing for a wrong secret or another appId", () => {
    expect(
      diagnoseSignatureSync({ ...received, sign: signSync({ ...received, appSecret: "another-secret" }) }, hints),
    ).toBeNull();
    expect(diagnoseSignatureSync({ ...received, sign: signSync({ ...received, appId: "app_2" }) }, hints)).toBeNull();
    expect(diagnoseSignatureSync({ ...received, sign: "not a sign" }, hints)).toBeNull();
  });

  it("never names the secret or the expected sign", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8 }),
        fc.string(),
        fc.constantFrom(...rows.map(([, change]) => change)),
        (appSecret, body, change) => {
          const input = { ...received, appSecret, body };
          const expected = signSync(input);
          const mistake = diagnoseSignatureSync({ ...input, sign: signSync({ ...input, ...change }) }, hints);
          const text = JSON.stringify(mistake);
          expect(text).not.toContain(JSON.stringify(appSecret).slice(1, -1));
          expect(text).not.toContain(expected);
        },
      ),
    );
  });
});
