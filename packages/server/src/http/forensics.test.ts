import { formatAuthorization, signSync } from "@gatekit/signature/node";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type CallOptions, MERCHANT, ORIGIN, type TestGateway, testGateway } from "../../test/index.js";

const QUERY = "/v2/payment/query";
const URL = `${ORIGIN}/pg${QUERY}`;
const body = { merchantTradeNo: "ORD-Café" };
const json = JSON.stringify(body);
const NONCE = "c7ca27dc6d55da935dfc8450c721cc99";

let t: TestGateway;
afterEach(() => t?.close());

// A header whose sign covers `signed` (what the merchant's code signed) while the request sends something else.
function signedOver(
  t: TestGateway,
  signed: { url?: string; timestamp?: string; body?: string },
  headerTimestamp = String(t.clock.now()),
): CallOptions {
  const timestamp = signed.timestamp ?? headerTimestamp;
  const sign = signSync({
    ...MERCHANT,
    method: "POST",
    url: signed.url ?? URL,
    timestamp,
    nonce: NONCE,
    body: signed.body ?? json,
  });
  return {
    authorization: formatAuthorization({ appId: MERCHANT.appId, sign, timestamp: headerTimestamp, nonce: NONCE }),
  };
}

describe("Sign_Failed says which part most likely differs", () => {
  const rows: [string, (t: TestGateway) => CallOptions, RegExp][] = [
    [
      "the URL without the /pg base path",
      () => ({ signedUrl: `${ORIGIN}${QUERY}` }),
      new RegExp(
        "signed over the URL without the base path /pg \\(http://gateway\\.test/v2/payment/query\\); " +
          "sign the URL with the base path",
      ),
    ],
    [
      "https instead of http",
      () => ({ signedUrl: `https://gateway.test/pg${QUERY}` }),
      /the URL with https:\/\/ instead of http:\/\//,
    ],
    [
      "the default port written out",
      () => ({ signedUrl: `http://gateway.test:80/pg${QUERY}` }),
      /the URL with the default port :80/,
    ],
    [
      "the host a proxy forwarded",
      () => ({
        signedUrl: `https://shop-gw.example.test/pg${QUERY}`,
        headers: { "x-forwarded-host": "shop-gw.example.test", "x-forwarded-proto": "https" },
      }),
      new RegExp(
        "the URL from the X-Forwarded-Host and X-Forwarded-Proto headers " +
          "\\(https://shop-gw\\.example\\.test/pg/v2/payment/query\\)",
      ),
    ],
    ["a trailing slash", () => ({ signedUrl: `${URL}/` }), /the URL with a trailing slash/],
    [
      "a body re-serialized after signing",
      () => ({ raw: JSON.stringify(body, null, 2), signedBody: json }),
      /the body re-serialized \(compact JSON\.stringify output\)/,
    ],
    [
      "a trailing newline added to the body sent",
      () => ({ raw: `${json}\n`, signedBody: json }),
      /the body without its trailing newline/,
    ],
    [
      "a trailing newline added to the body signed",
      () => ({ signedBody: `${json}\n` }),
      /the body with a trailing newline/,
    ],
    [
      "the body signed as ISO-8859-1",
      (t) => signedOver(t, { body: Buffer.from(json, "utf8").toString("latin1") }),
      /decoded as ISO-8859-1 and re-encoded as UTF-8/,
    ],
    [
      "the timestamp signed in seconds",
      (t) => signedOver(t, { timestamp: String(t.clock.now()).slice(0, 10) }),
      /the timestamp in seconds while the header carries milliseconds/,
    ],
    [
      "a wrong secret",
      () => ({ appSecret: "not-the-secret" }),
      new RegExp(
        "none of the usual mistakes explains it .*" +
          "check that the appSecret is the one of appId 1111b620f93b48c5904210ff47bb1111",
      ),
    ],
  ];

  it.each(rows)("%s", async (_name, options, message) => {
    t = testGateway();
    const response = await t.call(QUERY, body, options(t));
    expect([response.status, response.code]).toEqual([401, "Common.Auth.Sign_Failed"]);
    expect(response.errorMessage).toMatch(message);
    expect(response.errorMessage).not.toContain(MERCHANT.appSecret);
  });

  it(
    "names the request's own Host when the gateway has a " + "public URL and the client signed what it connected to",
    async () => {
      t = testGateway({ publicUrl: "https://sandbox.example.test" });
      const response = await t.call(QUERY, body, { signedUrl: URL });
      expect(response.errorMessage).toMatch(
        new RegExp(
          "the URL from the request's Host header, not the configured public URL, " +
            "\\(http://gateway\\.test/pg/v2/payment/query\\)",
        ),
      );
      expect(response.errorMessage).toMatch(/verified https:\/\/sandbox\.example\.test\/pg\/v2\/payment\/query/);
    },
  );

  it("never reveals the secret or the expected sign", async () => {
    t = testGateway();
    const rowOptions = rows.map(([, options]) => options);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...rowOptions), fc.string({ maxLength: 40 }), async (options, tradeNo) => {
        const request = { merchantTradeNo: tradeNo };
        const response = await t.call(QUERY, request, { ...options(t), unchecked: true });
        if (response.code !== "Common.Auth.Sign_Failed") return;
        const expected = signSync({
          ...MERCHANT,
          method: "POST",
          url: URL,
          timestamp: String(t.clock.now()),
          nonce: NONCE,
          body: JSON.stringify(request),
        });
        expect(response.errorMessage).not.toContain(MERCHANT.appSecret);
        expect(response.errorMessage).not.toContain(expected);
        expect(response.errorMessage).not.toMatch(/[0-9a-f]{64}/);
      }),
      { numRuns: 40 },
    );
  });
});
