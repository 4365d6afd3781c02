// The known-answer vectors every package's tests load (spec/vectors/signature.json), and what
// the tests ask of them.

import { readFileSync } from "node:fs";

/** One known-answer vector of the V2_SHA256 scheme. */
export interface Vector {
  readonly name: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly method: string;
  readonly url: string;
  readonly timestamp: string;
  readonly nonce: string;
  /** The body as the vector gives it: a string, or the raw bytes of `bodyBase64`. */
  readonly body: string | Uint8Array;
  readonly sign: string;
  readonly authorization: string;
}

interface RawVector extends Omit<Vector, "body"> {
  readonly body?: string;
  readonly bodyBase64?: string;
}

const file = new URL("../../../spec/vectors/signature.json", import.meta.url);
const raw = JSON.parse(readFileSync(file, "utf8")) as { vectors: RawVector[] };

/** Every vector of spec/vectors/signature.json, with `bodyBase64` decoded to bytes. */
export const vectors: readonly Vector[] = raw.vectors.map(({ body, bodyBase64, ...rest }) => {
  if ((body === undefined) === (bodyBase64 === undefined))
    throw new Error(`vector "${rest.name}" needs exactly one of body and bodyBase64`);
  return { ...rest, body: body ?? new Uint8Array(Buffer.from(bodyBase64!, "base64")) };
});

/** The content a vector signs, built the slow, obvious way, to check canonicalContent against. */
export function expectedContent(v: Vector): Uint8Array {
  const head = [v.appId, v.appSecret, v.method, v.url, v.timestamp, v.nonce].map((line) => `${line}\n`).join("");
  const body = typeof v.body === "string" ? Buffer.from(v.body, "utf8") : Buffer.from(v.body);
  return new Uint8Array(Buffer.concat([Buffer.from(head, "utf8"), body, Buffer.from("\n")]));
}

/**
 * A vector that is a notification: POSTed to a merchant's URL (not the gateway's `/v2/…`
 * operations) with a notification envelope as its body.
 */
export function isNotification(v: Vector): boolean {
  if (v.method !== "POST" || /\/v2\/[a-z]+\/[a-z]+$/.test(new URL(v.url).pathname) || typeof v.body !== "string")
    return false;
  try {
    const body = JSON.parse(v.body) as { code?: unknown; data?: unknown };
    return body.code === "OK" && typeof body.data === "object" && body.data !== null && !("balanceList" in body.data);
  } catch {
    return false;
  }
}
