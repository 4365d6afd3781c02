// TLS for the CLI: either the operator's PEM files, or a development certificate for localhost,
// 127.0.0.1 and ::1 signed by a local CA that is made once, kept beside the database and reused,
// so a client trusts it once (NODE_EXTRA_CA_CERTS=<ca file>, or the system's store) and never has
// to turn certificate checks off.

import { X509Certificate, createPrivateKey } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";
import { UsageError } from "./args.js";

/** The key pair a TLS server needs, and the CA to trust when it was made here. */
export interface TlsMaterial {
  readonly cert: string;
  readonly key: string;
  /** The CA certificate file clients should trust; only for the development certificate. */
  readonly caFile?: string | undefined;
}

/** Reads the operator's certificate and key, with errors that say which file is the problem. */
export function tlsFromFiles(certFile: string, keyFile: string): TlsMaterial {
  const read = (flag: string, file: string) => {
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(
        `${flag} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); ` +
          "pass the path of a PEM file.",
      );
    }
  };
  const cert = read("--tls-cert", certFile);
  const key = read("--tls-key", keyFile);
  if (!cert.includes("-----BEGIN CERTIFICATE-----"))
    throw new UsageError(`--tls-cert ${certFile} is not a PEM certificate (no BEGIN CERTIFICATE line).`);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key))
    throw new UsageError(`--tls-key ${keyFile} is not a PEM private key (no BEGIN PRIVATE KEY line).`);
  return { cert, key };
}

const NAMES = { dns: ["localhost"], ips: ["127.0.0.1", "::1"] };
/** Renewed when it would expire within this. */
const RENEW_MS = 7 * 24 * 3600 * 1000;

/**
 * The development certificate kept in `dir` (the database's directory, under `tls/`): made on
 * first use, reused while valid, remade when it is about to expire or its files do not match.
 */
export async function developmentTls(dir: string, now: Date = new Date()): Promise<TlsMaterial> {
  const tlsDir = join(dir, "tls");
  const files = {
    ca: join(tlsDir, "gatekit-dev-ca.pem"),
    caKey: join(tlsDir, "gatekit-dev-ca-key.pem"),
    cert: join(tlsDir, "localhost.pem"),
    key: join(tlsDir, "localhost-key.pem"),
  };
  const reused = reuse(files, now);
  if (reused) return reused;

  mkdirSync(tlsDir, { recursive: true });
  const notAfterDate = new Date(now.getTime() + 825 * 24 * 3600 * 1000);
  const notBeforeDate = new Date(now.getTime() - 60_000);
  const base = { keyType: "ec", curve: "P-256", algorithm: "sha256", notBeforeDate, notAfterDate } as const;
  const ca = await generate([{ name: "commonName", value: "Gatekit development CA" }], {
    ...base,
    extensions: [
      { name: "basicConstraints", cA: true, pathLenConstraint: 0, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await generate([{ name: "commonName", value: "localhost" }], {
    ...base,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          ...NAMES.dns.map((value) => ({ type: 2 as const, value })),
          ...NAMES.ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  writeFileSync(files.ca, ca.cert);
  writePrivate(files.caKey, ca.private);
  writeFileSync(files.cert, leaf.cert);
  writePrivate(files.key, leaf.private);
  return { cert: leaf.cert, key: leaf.private, caFile: files.ca };
}

function reuse(files: { ca: string; caKey: string; cert: string; key: string }, now: Date): TlsMaterial | undefined {
  if (!Object.values(files).every((file) => existsSync(file))) return undefined;
  try {
    const caPem = readFileSync(files.ca, "utf8");
    const certPem = readFileSync(files.cert, "utf8");
    const key = readFileSync(files.key, "utf8");
    const ca = new X509Certificate(caPem);
    const cert = new X509Certificate(certPem);
    const fresh = (x509: X509Certificate) =>
      new Date(x509.validTo).getTime() - now.getTime() > RENEW_MS && new Date(x509.validFrom) <= now;
    const covers = NAMES.dns.every((name) => cert.checkHost(name)) && NAMES.ips.every((ip) => cert.checkIP(ip));
    if (
      !fresh(ca) ||
      !fresh(cert) ||
      !covers ||
      !cert.verify(ca.publicKey) ||
      !cert.checkPrivateKey(createPrivateKey(key))
    )
      return undefined;
    return { cert: certPem, key, caFile: files.ca };
  } catch {
    return undefined;
  }
}

function writePrivate(file: string, pem: string): void {
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
}
