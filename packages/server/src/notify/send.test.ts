import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAuthorization, verifySync } from "@gatekit/signature/node";
import { afterEach, describe, expect, it } from "vitest";
import { isAcknowledgement, sendNotification } from "./send.js";

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingMessage["headers"];
  body: string;
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

/** A merchant on loopback that records each request and answers with `answer`. */
async function merchant(
  answer: (req: Received, res: ServerResponse) => void,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      received.push(entry);
      answer(entry, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/notify?shop=1`, received };
}

const ok = (_req: Received, res: ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" }).end('{"code":"OK"}');
};

const body = JSON.stringify({
  code: "OK",
  errorMessage: null,
  data: { paymentNo: "PAY1", status: "PAID", description: "Café ✓" },
});

function notificationFor(url: string) {
  return { id: "NTF1", appId: "app_1", notifyUrl: url, body };
}

describe("sendNotification", () => {
  it("posts the stored body, signed for the notifyUrl with a fresh timestamp and nonce", async () => {
    const shop = await merchant(ok);
    const result = await sendNotification({
      notification: notificationFor(shop.url),
      appSecret: "s3cret",
      userAgent: "gatekit-gateway/9.9.9",
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({ outcome: "acknowledged", httpStatus: 200 });
    const [request] = shop.received;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/notify?shop=1");
    expect(request?.body).toBe(body);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["user-agent"]).toBe("gatekit-gateway/9.9.9");
    const parts = parseAuthorization(request?.headers.authorization);
    expect(parts.appId).toBe("app_1");
    expect(verifySync({ ...parts, appSecret: "s3cret", method: "POST", url: shop.url, body: request!.body })).toBe(
      true,
    );
    expect(Math.abs(Number(parts.timestamp) - Date.now())).toBeLessThan(60_000);
  });

  it(
    "sends the notification's id and the attempt number, " +
      "and signs with the real clock when the schedule's is moved",
    async () => {
      const shop = await merchant(ok);
      const result = await sendNotification({
        notification: notificationFor(shop.url),
        attempt: 3,
        appSecret: "s3cret",
        userAgent: "gatekit-gateway/9.9.9",
        timeoutMs: 5000,
        now: () => 2_000_000_000_000,
        signingNow: () => 1_800_000_000_000,
      });
      expect(result.startedAt).toBe(2_000_000_000_000);
      const [request] = shop.received;
      expect(request?.headers["gatekit-notification-id"]).toBe("NTF1");
      expect(request?.headers["gatekit-notification-attempt"]).toBe("3");
      expect(parseAuthorization(request?.headers.authorization).timestamp).toBe("1800000000000");
    },
  );

  it("signs every attempt afresh while the content stays the same", async () => {
    const shop = await merchant(ok);
    for (let i = 0; i < 3; i += 1) {
      await sendNotification({
        notification: notificationFor(shop.url),
        appSecret: "s3cret",
        userAgent: "ua",
        timeoutMs: 5000,
      });
    }
    const parts = shop.received.map((request) => parseAuthorization(request.headers.authorization));
    expect(new Set(parts.map((part) => part.nonce)).size).toBe(3);
    expect(new Set(parts.map((part) => part.sign)).size).toBe(3);
    expect(new Set(shop.received.map((request) => request.body))).toEqual(new Set([body]));
  });

  it("counts an answer other than HTTP 200 as bad_status, with the start of the body as detail", async () => {
    const shop = await merchant((_req, res) => res.writeHead(500).end("database down"));
    const result = await sendNotification({
      notification: notificationFor(shop.url),
      appSecret: "s",
      userAgent: "ua",
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({ outcome: "bad_status", httpStatus: 500, detail: "HTTP 500: database down" });
  });

  it("does not follow a redirect", async () => {
    const shop = await merchant((_req, res) => res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end());
    const result = await sendNotification({
      notification: notificationFor(shop.url),
      appSecret: "s",
      userAgent: "ua",
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({ outcome: "bad_status", httpStatus: 302 });
  });

  it("counts a 200 without the acknowledgement as bad_body", async () => {
    const shop = await merchant((_req, res) => res.writeHead(200).end("OK"));
    const result = await sendNotification({
      notification: notificationFor(shop.url),
      appSecret: "s",
      userAgent: "ua",
      timeoutMs: 5000,
    });
    expect(result).toMatchObject({ outcome: "bad_body", httpStatus: 200 });
    expect(result.detail).toContain("OK");
  });

  it("times out a merchant that never answers", async () => {
    const shop = await merchant(() => undefined);
    const result = await sendNotification({
      notification: notificationFor(shop.url),
      appSecret: "s",
      userAgent: "ua",
      timeoutMs: 200,
    });
    expect(result).toMatchObject({ outcome: "timeout", httpStatus: null });
  });

  it("reports a refused connection as connection_error without throwing", async () => {
    const shop = await merchant(ok);
    await new Promise((resolve) => {
      servers[0]!.close(resolve);
    });
    servers.length = 0;
    const result = await sendNotification({
      notification: notificationFor(shop.url),
      appSecret: "s",
      userAgent: "ua",
      timeoutMs: 5000,
    });
    expect(result.outcome).toBe("connection_error");
    expect(result.detail).toMatch(/ECONNREFUSED/);
  });

  it("never puts the secret or the signature in the detail, even when the merchant echoes them", async () => {
    const shop = await merchant((req, res) => res.writeHead(400).end(`${req.headers.authorization} top-secret-value`));
    const result = await sendNotification({
      notification: notificationFor(shop.url),
      appSecret: "top-secret-value",
      userAgent: "ua",
      timeoutMs: 5000,
    });
    const { sign } = parseAuthorization(shop.received[0]?.headers.authorization);
    expect(result.detail).not.toContain("top-secret-value");
    expect(result.detail).not.toContain(sign);
    expect(result.detail).toContain("[redacted]");
  });
});

describe("isAcknowledgement", () => {
  it.each([
    ['{"code":"OK"}', true],
    [' {"code" : "OK"}\n', true],
    ['{"code":"ok"}', false],
    ['{"code":"OK","errorMessage":null}', false],
    ['{"code":"FAIL"}', false],
    ['[{"code":"OK"}]', false],
    ['"OK"', false],
    ["OK", false],
    ["", false],
    ['{"code":"OK"}x', false],
  ])("judges %j as %s", (text, expected) => {
    expect(isAcknowledgement(text)).toBe(expected);
  });
});
