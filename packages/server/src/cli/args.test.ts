import { describe, expect, it } from "vitest";
import { HELP, LOG_LEVELS, UsageError, parseCommandLine } from "./args.js";

function start(...argv: string[]) {
  return startWith({}, ...argv);
}

function startWith(env: Record<string, string>, ...argv: string[]) {
  const command = parseCommandLine(["start", ...argv], env);
  if (command.command !== "start") throw new Error(`expected start, got ${command.command}`);
  return command.options;
}

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv, {});
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected ${argv.join(" ")} to be refused`);
}

describe("parseCommandLine", () => {
  it("applies every default to a bare start", () => {
    expect(start()).toEqual({
      port: 8080,
      host: "127.0.0.1",
      db: ".gatekit/gateway.db",
      merchants: [],
      publicUrl: undefined,
      notifyRetryDelaysMs: [15_000, 60_000, 300_000, 900_000, 3_600_000, 7_200_000, 21_600_000],
      notifyTimeoutMs: 10_000,
      tls: { kind: "none" },
      basePath: "/pg",
      controlToken: undefined,
      logLevel: "info",
    });
  });

  it("reads every option", () => {
    expect(
      start(
        "--port",
        "0",
        "--host",
        "0.0.0.0",
        "--db",
        "/tmp/g.db",
        "--merchant",
        "app_1:secret-one",
        "--merchant",
        "app_2:sec:ret:two",
        "--public-url",
        "https://gw.example.test/",
        "--notify-retry-delays",
        "1, 2,0.5",
        "--notify-timeout",
        "2.5",
        "--https",
        "--base-path",
        "/api/",
        "--control-token",
        "tok-12345678",
        "--log-level",
        "debug",
      ),
    ).toEqual({
      port: 0,
      host: "0.0.0.0",
      db: "/tmp/g.db",
      merchants: [
        { appId: "app_1", appSecret: "secret-one" },
        { appId: "app_2", appSecret: "sec:ret:two" },
      ],
      publicUrl: "https://gw.example.test",
      notifyRetryDelaysMs: [1000, 2000, 500],
      notifyTimeoutMs: 2500,
      tls: { kind: "self-signed" },
      basePath: "/api",
      controlToken: "tok-12345678",
      logLevel: "debug",
    });
  });

  it("accepts --name=value and certificate files", () => {
    expect(start("--port=9000", "--tls-cert=c.pem", "--tls-key=k.pem")).toMatchObject({
      port: 9000,
      tls: { kind: "files", cert: "c.pem", key: "k.pem" },
    });
  });

  it.each([
    [["/"], ""],
    [["/pg"], "/pg"],
    [["/a/b-c"], "/a/b-c"],
  ])("normalises --base-path %j to %j", ([path], expected) => {
    expect(start("--base-path", path!).basePath).toBe(expected);
  });

  it("takes a PostgreSQL URL for --db, and DATABASE_URL when --db is not given", () => {
    const url = "postgres://gatekit:pw@127.0.0.1:5432/sandbox";
    expect(start("--db", url).db).toBe(url);
    expect(start("--db", "postgresql://db.internal/sandbox").db).toBe("postgresql://db.internal/sandbox");
    expect(startWith({ DATABASE_URL: url }).db).toBe(url);
    expect(startWith({ DATABASE_URL: url }, "--db", "local.db").db).toBe("local.db");
  });

  it("takes merchants from GATEKIT_MERCHANTS when --merchant is not given", () => {
    expect(startWith({ GATEKIT_MERCHANTS: " shop_a:secret-a-123\n shop_b:sec:ret-b-123 " }).merchants).toEqual([
      { appId: "shop_a", appSecret: "secret-a-123" },
      { appId: "shop_b", appSecret: "sec:ret-b-123" },
    ]);
    expect(
      startWith({ GATEKIT_MERCHANTS: "shop_a:secret-a-123" }, "--merchant", "shop_c:secret-c-123").merchants,
    ).toEqual([{ appId: "shop_c", appSecret: "secret-c-123" }]);
    expect(startWith({ GATEKIT_MERCHANTS: "" }).merchants).toEqual([]);
  });

  it("names GATEKIT_MERCHANTS in its errors, and never echoes a secret from it", () => {
    let message = "";
    try {
      startWith({ GATEKIT_MERCHANTS: "shop_a:short" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe("GATEKIT_MERCHANTS shop_a: the appSecret must be at least 8 characters without whitespace.");
    expect(message).not.toContain("short");
  });

  it("refuses a database URL of another kind, without echoing DATABASE_URL's secret", () => {
    expect(usageError(["start", "--db", "mysql://root:pw@localhost/shop"])).toMatch(
      /SQLite file path or a postgres:\/\/ URL; "mysql:" databases are not supported/,
    );
    let message = "";
    try {
      startWith({ DATABASE_URL: "mysql://root:hunter22@localhost/shop" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL is set but is not a postgres:\/\/ URL; pass --db/);
    expect(message).not.toContain("hunter22");
  });

  it.each([["0"], ["0.05"], ["601"], ["ten"]])("refuses --notify-timeout %s", (value) => {
    expect(usageError(["start", "--notify-timeout", value])).toMatch(
      /--notify-timeout must be a number of seconds from 0.1 to 600/,
    );
  });

  it("takes an empty --notify-retry-delays as no retries", () => {
    expect(start("--notify-retry-delays", "").notifyRetryDelaysMs).toEqual([]);
  });

  it.each([
    [["--help"], "help"],
    [["-h"], "help"],
    [["help"], "help"],
    [["start", "--help"], "help"],
    [["--version"], "version"],
  ])("reads %j as %s", (argv, command) => {
    expect(parseCommandLine(argv).command).toBe(command);
  });

  it.each<[string[], RegExp]>([
    [[], /Missing the command/],
    [["serve"], /Unknown command "serve"/],
    [["start", "extra"], /Unexpected argument "extra"/],
    [["start", "--bogus"], /Unknown option '--bogus'/],
    [["start", "--port"], /--port/],
    [["start", "--port", "80a"], /--port must be a whole number from 0 to 65535/],
    [["start", "--port", "70000"], /--port must be a whole number/],
    [["start", "--host", ""], /--host must be an address/],
    [["start", "--db", " "], /--db must be a file path/],
    [["start", "--merchant", "nocolon"], /<appId>:<appSecret>/],
    [["start", "--merchant", ":secret-long"], /the appId must be/],
    [["start", "--merchant", "a,b:secret-long"], /the appId must be/],
    [["start", "--merchant", "app:short"], /at least 8 characters/],
    [["start", "--merchant", "app:secret-long", "--merchant", "app:secret-other"], /given twice/],
    [["start", "--public-url", "gw.example.test"], /absolute URL/],
    [["start", "--public-url", "ftp://gw.example.test"], /http:\/\/ or https:\/\//],
    [["start", "--public-url", "https://gw.example.test/?a=1"], /without query/],
    [["start", "--notify-retry-delays", "15,x,60"], /entry 2 \("x"\)/],
    [["start", "--notify-retry-delays=-1"], /entry 1/],
    [["start", "--tls-cert", "c.pem"], /go together/],
    [["start", "--https", "--tls-cert", "c.pem", "--tls-key", "k.pem"], /cannot be combined/],
    [["start", "--base-path", "pg"], /--base-path must be a path/],
    [["start", "--base-path", "/p g"], /--base-path must be a path/],
    [["start", "--control-token", "short"], /at least 8 characters/],
    [["start", "--log-level", "loud"], /--log-level must be one of/],
  ])("refuses %j, saying what is wrong", (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });

  it("never echoes a merchant's secret in an error", () => {
    expect(usageError(["start", "--merchant", "app:has space-secret"])).not.toContain("space-secret");
  });
});

describe("HELP", () => {
  it("lists every option with its default", () => {
    for (const flag of [
      "--port",
      "--host",
      "--db",
      "--merchant",
      "--public-url",
      "--base-path",
      "--notify-retry-delays",
      "--https",
      "--tls-cert",
      "--tls-key",
      "--control-token",
      "--log-level",
      "--help",
      "--version",
    ]) {
      expect(HELP).toContain(flag);
    }
    for (const value of [
      "8080",
      "127.0.0.1",
      ".gatekit/gateway.db",
      "/pg",
      "15,60,300,900,3600,7200,21600",
      ...LOG_LEVELS,
    ]) {
      expect(HELP).toContain(value);
    }
  });
});
