// A certificate authority and a server certificate for 127.0.0.1, made for one test run: the
// situation of a sandbox gateway with its own CA, which the client must trust only when told to.

import { generate } from "selfsigned";

export interface TestPki {
  /** The CA certificate (PEM): what a client passes as `ca`. */
  readonly caCert: string;
  /** The server's key and certificate (PEM), issued by that CA for 127.0.0.1 and localhost. */
  readonly key: string;
  readonly cert: string;
}

/** Makes a fresh CA and a server certificate it issued. */
export async function createTestPki(): Promise<TestPki> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 24 * 3_600_000);
  const ca = await generate([{ name: "commonName", value: "Gatekit Test Sandbox CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });
  return { caCert: ca.cert, key: server.private, cert: server.cert };
}
