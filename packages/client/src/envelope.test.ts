import { describe, expect, it } from "vitest";
import { openEnvelope } from "./envelope.js";
import { type Exchange, newExchange } from "./transport.js";

function exchange(status: number, body: string | Uint8Array, extra: Partial<Exchange> = {}): Exchange {
  return {
    ...newExchange(),
    url: "https://gateway.example.com/pg/v2/payment/query",
    nonce: "5f2b9c1d7e3a4b6c8d0e1f2a3b4c5d6e",
    attempts: 1,
    status,
    body: typeof body === "string" ? new TextEncoder().encode(body) : (body as Uint8Array<ArrayBuffer>),
    ...extra,
  };
}

function thrown(value: Exchange): Record<string, unknown> & Error {
  try {
    openEnvelope(value);
  } catch (error) {
    return error as Record<string, unknown> & Error;
  }
  throw new Error("expected an error");
}

describe("openEnvelope", () => {
  it("returns data when the code is OK", () => {
    expect(
      openEnvelope(exchange(200, '{"code":"OK","errorMessage":null,"data":{"paymentNo":"P1","paidTime":null}}')),
    ).toEqual({ paymentNo: "P1", paidTime: null });
  });

  it("turns any other code into a GatewayError with everything about the exchange", () => {
    const body = '{"code":"Payment.Common.Duplicate_Trade_No","errorMessage":"already used","data":null}';
    const error = thrown(exchange(200, body));
    expect(error).toMatchObject({
      type: "GatewayError",
      code: "Payment.Common.Duplicate_Trade_No",
      errorMessage: "already used",
      httpStatus: 200,
      nonce: "5f2b9c1d7e3a4b6c8d0e1f2a3b4c5d6e",
      rawBody: body,
      attempts: 1,
    });
    expect(error.message).toMatch(/Duplicate_Trade_No \(already used\)\. Use a new merchantTradeNo/);
  });

  it("keeps an unknown business code as it is", () => {
    expect(
      thrown(exchange(200, '{"code":"Payment.Common.Something_New","errorMessage":null,"data":null}')),
    ).toMatchObject({
      type: "GatewayError",
      code: "Payment.Common.Something_New",
      errorMessage: null,
    });
  });

  it("refuses a 200 that is not an envelope, not JSON, not UTF-8, or OK without data", () => {
    for (const body of [
      "<html>maintenance</html>",
      '{"status":"ok"}',
      '"OK"',
      new Uint8Array([0x7b, 0xff, 0x7d]),
      '{"code":"OK","errorMessage":null,"data":null}',
    ]) {
      const error = thrown(exchange(200, body));
      expect(error.type).toBe("GatewayError");
      expect(error.httpStatus).toBe(200);
      expect(typeof error.rawBody).toBe("string");
    }
  });

  it("maps 401 to AuthenticationError with what to check", () => {
    const error = thrown(
      exchange(401, '{"code":"Common.Auth.Sign_Timeout","errorMessage":"old timestamp","data":null}'),
    );
    expect(error).toMatchObject({ type: "AuthenticationError", code: "Common.Auth.Sign_Timeout", httpStatus: 401 });
    expect(error.message).toMatch(/NTP/);
    expect(thrown(exchange(401, "")).message).toMatch(/Check appId, appSecret and baseUrl/);
  });

  it("maps 5xx to ServerError, with or without an envelope, keeping Retry-After", () => {
    expect(
      thrown(
        exchange(503, '{"code":"Common.Internal_Error","errorMessage":"down","data":null}', {
          attempts: 3,
          retryAfterMs: 120_000,
        }),
      ),
    ).toMatchObject({
      type: "ServerError",
      code: "Common.Internal_Error",
      httpStatus: 503,
      attempts: 3,
      retryAfterMs: 120_000,
    });
    const proxy = thrown(exchange(502, "<html>Bad Gateway</html>"));
    expect(proxy).toMatchObject({
      type: "ServerError",
      code: undefined,
      httpStatus: 502,
      rawBody: "<html>Bad Gateway</html>",
    });
    expect(proxy.message).toMatch(/outcome is unknown/);
  });

  it("maps other statuses to GatewayError with a hint", () => {
    expect(thrown(exchange(404, '{"code":"Common.Not_Found","errorMessage":null,"data":null}')).message).toMatch(
      /path prefix/,
    );
    expect(thrown(exchange(413, "")).message).toMatch(/1 MiB/);
    expect(thrown(exchange(302, "")).message).toMatch(/does not redirect/);
  });
});
