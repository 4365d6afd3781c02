// `gatekit-gateway sign explain` as a process: the canonical lines, the expected sign, the
// likely mistake behind a mismatch, and two captures compared line by line. It needs no gateway.

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatAuthorization, signSync } from "@gatekit/signature/node";
import { afterAll, describe, expect, it } from "vitest";
import { failureLine, runCli } from "../../test/run-cli.js";

const vector = JSON.parse(readFileSync(new URL("../../../../spec/vectors/signature.json", import.meta.url), "utf8"))
  .vectors[0] as {
  appId: string;
  appSecret: string;
  url: string;
  timestamp: string;
  nonce: string;
  body: string;
  sign: string;
  authorization: string;
};
const dir = mkdtempSync(join(tmpdir(), "gatekit-sign-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { GATEKIT_APP_SECRET: vector.appSecret };

function capture(
  name: string,
  fields: {
    url?: string;
    body?: string;
    signedUrl?: string;
    signedBody?: string;
    timestamp?: string;
    headers?: Record<string, string>;
  },
): string {
  const url = fields.url ?? vector.url;
  const body = fields.body ?? vector.body;
  const sign = signSync({
    appId: vector.appId,
    appSecret: vector.appSecret,
    url: fields.signedUrl ?? url,
    timestamp: fields.timestamp ?? vector.timestamp,
    nonce: vector.nonce,
    body: fields.signedBody ?? body,
  });
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      method: "POST",
      url,
      headers: {
        ...fields.headers,
        Authorization: formatAuthorization({
          appId: vector.appId,
          sign,
          timestamp: vector.timestamp,
          nonce: vector.nonce,
        }),
      },
      body,
    }),
  );
  return path;
}

describe("gatekit-gateway sign explain", () => {
  it(
    "prints the seven lines with the secret masked, their hashes and the expected sign, " + "which the header matches",
    async () => {
      const run = await runCli(["sign", "explain", "--url", vector.url, "--authorization", vector.authorization], {
        env,
        input: vector.body,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        `  1 appId      ${vector.appId}\n      sha256 ` +
          `${createHash("sha256").update(`${vector.appId}\n`).digest("hex")}\n`,
      );
      expect(run.stdout).toMatch(/ {2}2 appSecret {2}\*\*\*\* \(\d+ characters\)\n {6}sha256 [0-9a-f]{8}…\n/);
      expect(run.stdout).toContain(`  4 url        ${vector.url}\n`);
      expect(run.stdout).toContain(`the sign it expects:  ${vector.sign}\n`);
      expect(run.stdout).toContain("Match:  yes\n");
      expect(run.stdout).not.toContain(vector.appSecret);
    },
  );

  it.each<[string, Parameters<typeof capture>[1], RegExp]>([
    [
      "the /pg prefix left out",
      {
        url: "https://gateway.example.test/pg/v2/payment/create",
        signedUrl: "https://gateway.example.test/v2/payment/create",
      },
      /signed the URL without the base path \/pg \(https:\/\/gateway\.example\.test\/v2\/payment\/create\)/,
    ],
    [
      "http signed, https sent",
      {
        url: "https://gateway.example.test/pg/v2/payment/create",
        signedUrl: "http://gateway.example.test/pg/v2/payment/create",
      },
      /signed the URL with http:\/\/ instead of https:\/\//,
    ],
    [
      "a port seen behind a proxy",
      {
        url: "https://gateway.example.test/pg/v2/payment/create",
        signedUrl: "https://gateway.example.test:8080/pg/v2/payment/create",
      },
      /saw port 8080/,
    ],
    [
      "the host a proxy forwarded to",
      {
        url: "https://gateway.example.test/pg/v2/payment/create",
        signedUrl: "http://gateway-internal:9000/pg/v2/payment/create",
        headers: { Host: "gateway-internal:9000", "X-Forwarded-Proto": "http" },
      },
      /signed the URL from the Host header \(http:\/\/gateway-internal:9000\/pg\/v2\/payment\/create\)/,
    ],
    ["a re-serialized body", { body: '{ "amount": "1.00" }', signedBody: '{"amount":"1.00"}' }, /re-serialized/],
    [
      "a trailing newline",
      { body: '{"amount":"1.00"}', signedBody: '{"amount":"1.00"}\n' },
      /signed the body with a trailing newline/,
    ],
    ["a wrong secret", { body: '{"amount":"1.00"}' }, /none of the usual mistakes/],
  ])("names the likely mistake: %s", async (name, fields, mistake) => {
    const path = capture(`${name.replace(/\W+/g, "-")}.json`, fields);
    const secret = name === "a wrong secret" ? { GATEKIT_APP_SECRET: "another-secret-value" } : env;
    const run = await runCli(["sign", "explain", "--capture", path], { env: secret });
    expect(run.stdout).toContain("Match:  no\n");
    expect(run.stdout).toMatch(mistake);
    expect(failureLine(run, [vector.appSecret, "another-secret-value"])).toMatch(
      /the Authorization header's sign does not match this content: /,
    );
  });

  it("shows line by line where two captures differ", async () => {
    const mine = capture("mine.json", { url: "https://gateway.example.test/v2/payment/create" });
    const theirs = capture("theirs.json", { url: "https://gateway.example.test/pg/v2/payment/create" });
    const run = await runCli(["sign", "explain", "--capture", mine, "--against", theirs], { env });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(
      `Against ${theirs}:\n  1 appId      same\n  2 appSecret  same\n  3 method     same\n` +
        "  4 url        differs\n      this:    https://gateway.example.test/v2/payment/create\n" +
        "      against: https://gateway.example.test/pg/v2/payment/create\n  5 timestamp  same\n",
    );
  });

  it("reads the body from --body-file and the parts from flags when there is no header", async () => {
    const body = join(dir, "body.json");
    writeFileSync(body, vector.body);
    const run = await runCli(
      [
        "sign",
        "explain",
        "--url",
        vector.url,
        "--body-file",
        body,
        "--app-id",
        vector.appId,
        "--timestamp",
        vector.timestamp,
        "--nonce",
        vector.nonce,
        "--json",
      ],
      { env },
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ expectedSign: vector.sign, matches: null });
  });

  it.each<[string, string[], NodeJS.ProcessEnv, RegExp]>([
    [
      "no secret",
      ["sign", "explain", "--url", vector.url],
      {},
      /set GATEKIT_APP_SECRET to the appSecret \(it is never taken from an argument\)/,
    ],
    [
      "another secret variable unset",
      ["sign", "explain", "--url", vector.url, "--secret-env", "SHOP_SECRET"],
      env,
      /set SHOP_SECRET/,
    ],
    ["no request", ["sign", "explain"], env, /give the request: --url/],
    [
      "a malformed header",
      ["sign", "explain", "--url", vector.url, "--authorization", "Bearer x"],
      env,
      /the Authorization header cannot be read/,
    ],
    [
      "a missing capture",
      ["sign", "explain", "--capture", "/nonexistent/capture.json"],
      env,
      /cannot read \/nonexistent\/capture\.json: no such file/,
    ],
    ["a secret as an argument", ["sign", "explain", "--secret", "abc"], env, /Unknown option '--secret'/],
    ["another action", ["sign", "verify"], env, /unknown action "verify"/],
  ])("refuses %s in one line", async (_, args, environment, message) => {
    expect(failureLine(await runCli(args, { env: environment, input: "" }), [vector.appSecret])).toMatch(message);
  });
});
