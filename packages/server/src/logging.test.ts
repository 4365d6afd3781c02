import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger, REDACTED_PATHS } from "./logging.js";
import { MERCHANT, paymentRequest, type TestGateway, testGateway } from "../test/index.js";

let t: TestGateway;
afterEach(() => t?.close());

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: "debug", redact: { paths: [...REDACTED_PATHS], censor: "[redacted]" } }, stream);
  return { logger, lines };
}

describe("logs", () => {
  it("write one line per request with its id, and never a secret, a signature or a token", async () => {
    const { logger, lines } = capture();
    t = testGateway({ logger, controlToken: "control-token-not-for-logs" });
    await t.call("/v2/payment/create", paymentRequest(), { headers: { "x-request-id": "req-1" } });
    await t.call("/v2/payment/query", { paymentNo: "PAY1" }, { appSecret: "wrong-secret" });
    await t.control("GET", "/health", undefined, { authorization: "Bearer control-token-not-for-logs" });
    const all = lines.join("");
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.find((entry) => entry.requestId === "req-1")).toMatchObject({
      msg: "request",
      method: "POST",
      path: "/pg/v2/payment/create",
      status: 200,
      code: "OK",
      appId: MERCHANT.appId,
    });
    expect(entries.filter((entry) => entry.msg === "request")).toHaveLength(3);
    for (const secret of [MERCHANT.appSecret, "wrong-secret", "control-token-not-for-logs", "V2_SHA256", "sign="])
      expect(all).not.toContain(secret);
  });

  it("redact secret fields even when they are logged by mistake", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        merchant: { appId: "a", appSecret: "leak" },
        headers: { authorization: "V2_SHA256 leak" },
        controlToken: "leak",
      },
      "oops",
    );
    expect(lines.join("")).not.toContain("leak");
  });

  it("are built from a level, taken as given, or silenced", () => {
    expect(createLogger("error").level).toBe("error");
    expect(createLogger(undefined).level).toBe("warn");
    expect(createLogger(false).level).toBe("silent");
    const given = pino({ level: "trace" });
    expect(createLogger(given)).toBe(given);
  });
});
