import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { request, createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "./args.js";
import { developmentTls, tlsFromFiles } from "./tls.js";

const dir = mkdtempSync(join(tmpdir(), "gatekit-tls-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(url: string, ca: string, servername?: string): Promise<{ status: number | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca, ...(servername ? { servername } : {}) }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("developmentTls", () => {
  it("makes a localhost certificate that a client trusting only the printed CA accepts", async () => {
    const tls = await developmentTls(dir);
    expect(tls.caFile).toBe(join(dir, "tls", "gatekit-dev-ca.pem"));
    const cert = new X509Certificate(tls.cert);
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkIP("::1")).toBe("::1");
    expect(statSync(join(dir, "tls", "localhost-key.pem")).mode & 0o077).toBe(0);

    const server = createServer({ cert: tls.cert, key: tls.key }, (_req, res) => res.end("secure"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const ca = readFileSync(tls.caFile!, "utf8");
      expect(await get(`https://127.0.0.1:${port}/`, ca)).toEqual({ status: 200, body: "secure" });
      expect(await get(`https://127.0.0.1:${port}/`, ca, "localhost")).toEqual({ status: 200, body: "secure" });
      await expect(get(`https://127.0.0.1:${port}/`, ca, "example.test")).rejects.toThrow(/altnames/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reuses the certificate it made while it is valid, and remakes it when near expiry", async () => {
    const first = await developmentTls(dir);
    const again = await developmentTls(dir);
    expect(again.cert).toBe(first.cert);
    const later = await developmentTls(dir, new Date(Date.now() + 824 * 24 * 3600 * 1000));
    expect(later.cert).not.toBe(first.cert);
  });
});

describe("tlsFromFiles", () => {
  it("reads PEM files and says which one is wrong", async () => {
    const tls = await developmentTls(dir);
    const cert = join(dir, "c.pem");
    const key = join(dir, "k.pem");
    writeFileSync(cert, tls.cert);
    writeFileSync(key, tls.key);
    expect(tlsFromFiles(cert, key)).toEqual({ cert: tls.cert, key: tls.key });
    expect(() => tlsFromFiles(join(dir, "missing.pem"), key)).toThrow(
      /--tls-cert .*missing\.pem cannot be read \(ENOENT\)/,
    );
    expect(() => tlsFromFiles(key, key)).toThrow(UsageError);
    expect(() => tlsFromFiles(cert, cert)).toThrow(/--tls-key .* is not a PEM private key/);
  });
});
