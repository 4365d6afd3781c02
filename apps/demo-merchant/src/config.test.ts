// The configuration: required variables named when missing, defaults, and the mistakes that
// would otherwise surface as a 401 on every notification.

import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_DB_PATH, loadConfig, shopUrls } from "./config.js";

const base = {
  GATEWAY_BASE_URL: "http://127.0.0.1:8080/pg",
  GATEKIT_APP_ID: "demo-shop",
  GATEKIT_APP_SECRET: "s3cret",
};

describe("loadConfig", () => {
  it("reads the variables, with defaults for the optional ones", () => {
    expect(loadConfig(base)).toEqual({
      gatewayBaseUrl: "http://127.0.0.1:8080/pg",
      appId: "demo-shop",
      appSecret: "s3cret",
      publicUrl: undefined,
      port: 3000,
      dbPath: DEFAULT_DB_PATH,
    });
    expect(
      loadConfig({ ...base, SHOP_PUBLIC_URL: "https://shop.example.com/", PORT: "0", SHOP_DB: ":memory:" }),
    ).toMatchObject({
      publicUrl: "https://shop.example.com",
      port: 0,
      dbPath: ":memory:",
    });
  });

  it.each([
    [{ GATEWAY_BASE_URL: undefined }, /GATEWAY_BASE_URL is not set: set it to the gateway's base URL/],
    [{ GATEKIT_APP_ID: "" }, /GATEKIT_APP_ID is not set/],
    [{ GATEKIT_APP_SECRET: undefined }, /GATEKIT_APP_SECRET is not set.*npm start/],
    [{ GATEKIT_APP_SECRET: "s3cret\n" }, /GATEKIT_APP_SECRET has spaces or a newline around it/],
    [{ GATEWAY_BASE_URL: "ftp://gateway.example.com/pg" }, /GATEWAY_BASE_URL must start with http/],
    [{ GATEWAY_BASE_URL: "not a url" }, /GATEWAY_BASE_URL is not a URL/],
    [{ SHOP_PUBLIC_URL: "https://shop.example.com/?a=1" }, /SHOP_PUBLIC_URL must have no query/],
    [{ PORT: "http" }, /PORT must be a port number/],
    [{ PORT: "70000" }, /PORT must be a port number/],
  ])("refuses %j and says what to set", (change, message) => {
    expect(() => loadConfig({ ...base, ...change })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...change })).toThrow(message);
  });

  it("never puts the secret in a message", () => {
    let message = "";
    try {
      loadConfig({ ...base, GATEKIT_APP_SECRET: " s3cret" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/GATEKIT_APP_SECRET has spaces/);
    expect(message).not.toContain("s3cret");
  });
});

describe("shopUrls", () => {
  it("builds the notifyUrl and returnUrl from the public URL", () => {
    expect(shopUrls("https://shop.example.com/store")).toEqual({
      notifyUrl: "https://shop.example.com/store/gateway/notify",
      returnUrl: "https://shop.example.com/store/checkout/return",
    });
  });
});
