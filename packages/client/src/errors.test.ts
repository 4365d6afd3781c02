import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  ConnectionError,
  GatewayError,
  isGatewayError,
  ResponseSignatureError,
  ServerError,
  TimeoutError,
} from "./errors.js";

const classes = [GatewayError, AuthenticationError, ServerError, ConnectionError, TimeoutError, ResponseSignatureError];

describe("errors", () => {
  it("carry a type and a name equal to their class name, and all are GatewayErrors", () => {
    for (const Class of classes) {
      const error = new Class("message", {
        code: "X",
        httpStatus: 500,
        nonce: "n",
        rawBody: "{}",
        attempts: 2,
        url: "https://g/pg/v2/x",
      });
      expect(error.type).toBe(Class.name);
      expect(error.name).toBe(Class.name);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        code: "X",
        httpStatus: 500,
        nonce: "n",
        rawBody: "{}",
        attempts: 2,
        url: "https://g/pg/v2/x",
      });
    }
  });

  it("are recognised by isGatewayError without instanceof, as another copy of the package would make them", () => {
    for (const Class of classes) expect(isGatewayError(new Class("m"))).toBe(true);
    expect(isGatewayError({ type: "TimeoutError", message: "from another copy" })).toBe(true);
    expect(isGatewayError(new Error("plain"))).toBe(false);
    expect(isGatewayError(new DOMException("aborted", "TimeoutError"))).toBe(false);
    expect(isGatewayError({ type: "SignatureError" })).toBe(false);
    expect(isGatewayError(null)).toBe(false);
  });

  it("keep a cause and a Retry-After when given", () => {
    const cause = new Error("ECONNRESET");
    expect(new ConnectionError("m", { cause }).cause).toBe(cause);
    expect(new ServerError("m", { retryAfterMs: 120_000 }).retryAfterMs).toBe(120_000);
    expect(new GatewayError("m").attempts).toBe(1);
  });
});
