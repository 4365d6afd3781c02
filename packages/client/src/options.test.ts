import { describe, expect, it } from "vitest";
import { checkCallOptions, DEFAULTS, type GatewayClientOptions, isLoopbackHost, resolveOptions } from "./options.js";

const base: GatewayClientOptions = {
  baseUrl: "https://gateway.example.com/pg",
  appId: "app-1",
  appSecret: "s3cret-value",
};

function problem(options: Partial<GatewayClientOptions> & Record<string, unknown>): string {
  try {
    resolveOptions({ ...base, ...options } as GatewayClientOptions);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the options to be refused");
}

describe("resolveOptions", () => {
  it("applies the documented defaults", () => {
    const resolved = resolveOptions(base);
    expect(resolved).toMatchObject({
      baseUrl: "https://gateway.example.com/pg",
      timeoutMs: DEFAULTS.timeoutMs,
      maxRetries: 2,
      retryBackoff: { initialMs: 500, maxMs: 5_000 },
      verifyResponseSignature: true,
    });
  });

  it("normalises the base URL as fetch will send it, so the signed URL is the one the gateway sees", () => {
    expect(resolveOptions({ ...base, baseUrl: "https://gateway.example.com/pg/" }).baseUrl).toBe(
      "https://gateway.example.com/pg",
    );
    expect(resolveOptions({ ...base, baseUrl: "https://Gateway.Example.COM:443/pg" }).baseUrl).toBe(
      "https://gateway.example.com/pg",
    );
    expect(resolveOptions({ ...base, baseUrl: "https://gateway.example.com:8443/my gateway" }).baseUrl).toBe(
      "https://gateway.example.com:8443/my%20gateway",
    );
    expect(resolveOptions({ ...base, baseUrl: "https://gateway.example.com" }).baseUrl).toBe(
      "https://gateway.example.com",
    );
  });

  it("refuses plain http, except on loopback with the explicit opt-in", () => {
    expect(problem({ baseUrl: "http://gateway.example.com/pg" })).toMatch(/must use https/);
    expect(problem({ baseUrl: "http://gateway.example.com/pg", allowInsecureLoopback: true })).toMatch(
      /must use https/,
    );
    expect(problem({ baseUrl: "http://127.0.0.1:8787/pg" })).toMatch(/allowInsecureLoopback: true/);
    for (const host of ["127.0.0.1:8787", "127.9.8.7", "localhost:3000", "[::1]:8080"]) {
      expect(resolveOptions({ ...base, baseUrl: `http://${host}/pg`, allowInsecureLoopback: true }).baseUrl).toBe(
        `http://${host}/pg`,
      );
    }
    expect(problem({ baseUrl: "ftp://gateway.example.com/pg" })).toMatch(/https URL/);
  });

  it("refuses base URLs that cannot be signed as sent", () => {
    expect(problem({ baseUrl: "gateway.example.com/pg" })).toMatch(/absolute URL/);
    expect(problem({ baseUrl: "https://gateway.example.com/pg?env=sandbox" })).toMatch(/query or a fragment/);
    const withPassword = problem({ baseUrl: "https://user:hunter2@gateway.example.com/pg" });
    expect(withPassword).toMatch(/user name or password/);
    expect(withPassword).not.toContain("hunter2");
  });

  it("checks the credentials without ever echoing the secret", () => {
    expect(problem({ appId: "" })).toMatch(/appId/);
    expect(problem({ appId: "has,comma" })).toMatch(/commas/);
    expect(problem({ appSecret: "" })).toMatch(/appSecret must be a non-empty string/);
    const padded = problem({ appSecret: " secret-with-space " });
    expect(padded).toMatch(/whitespace/);
    expect(padded).not.toContain("secret-with-space");
  });

  it("checks numbers, booleans, functions and the CA", () => {
    expect(problem({ timeoutMs: 0 })).toMatch(/timeoutMs must be a number of milliseconds above 0/);
    expect(problem({ timeoutMs: Number.POSITIVE_INFINITY })).toMatch(/timeoutMs/);
    expect(problem({ maxRetries: 1.5 })).toMatch(/whole number from 0 to 10/);
    expect(problem({ maxRetries: 11 })).toMatch(/from 0 to 10/);
    expect(problem({ retryBackoff: { initialMs: 100, maxMs: 50 } })).toMatch(/must not be below/);
    expect(resolveOptions({ ...base, retryBackoff: { initialMs: 8_000 } }).retryBackoff).toEqual({
      initialMs: 8_000,
      maxMs: 8_000,
    });
    expect(problem({ verifyResponseSignature: "no" as unknown as boolean })).toMatch(/true or false/);
    expect(problem({ fetch: "fetch" as unknown as GatewayClientOptions["fetch"] })).toMatch(/fetch must be a function/);
    expect(problem({ onResponse: 1 as unknown as GatewayClientOptions["onResponse"] })).toMatch(
      /onResponse must be a function/,
    );
    expect(problem({ ca: [] })).toMatch(/PEM certificate/);
    expect(problem({ ca: "pem", fetch: globalThis.fetch })).toMatch(/either ca or fetch/);
    expect(problem({ appInfo: { name: "my shop" } })).toMatch(/appInfo.name/);
  });

  it("refuses unknown options, so a misspelt one is not silently ignored", () => {
    expect(problem({ verifyResponseSignatures: false })).toMatch(/unknown option "verifyResponseSignatures"/);
    expect(problem({ retryBackoff: { initialMS: 1 } as never })).toMatch(/unknown option "initialMS"/);
  });
});

describe("checkCallOptions", () => {
  it("accepts the per-call options and refuses anything else", () => {
    const signal = new AbortController().signal;
    const options = { timeoutMs: 100, maxRetries: 0, signal };
    expect(checkCallOptions(options)).toBe(options);
    expect(checkCallOptions(undefined)).toBeUndefined();
    expect(() => checkCallOptions({ timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => checkCallOptions({ signal: "stop" as unknown as AbortSignal })).toThrow(/AbortSignal/);
    expect(() => checkCallOptions({ retries: 1 } as never)).toThrow(/unknown option "retries"/);
  });
});

describe("isLoopbackHost", () => {
  it("knows 127.0.0.0/8, ::1 and localhost, as the URL parser writes them", () => {
    expect(
      ["127.0.0.1", "127.255.0.9", "[::1]", "localhost", new URL("http://127.1/").hostname].every(isLoopbackHost),
    ).toBe(true);
    expect(
      ["128.0.0.1", "10.0.0.1", "[::2]", "localhost.example.com", "example.com", "0.0.0.0"].some(isLoopbackHost),
    ).toBe(false);
  });
});
