// The known-answer vectors every package's tests load: spec/vectors/signature.json.

import { readFileSync } from "node:fs";

export interface Vector {
  readonly name: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly method: string;
  readonly url: string;
  readonly timestamp: string;
  readonly nonce: string;
  /** A string, or the raw bytes of `bodyBase64`. */
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

export const vectors: readonly Vector[] = raw.vectors.map(({ body, bodyBase64, ...rest }) => ({
  ...rest,
  body: body ?? new Uint8Array(Buffer.from(bodyBase64 ?? "", "base64")),
}));

/**
 * A vector that is a notification: POSTed to a merchant's URL (not the gateway's `/v2/…`
 * operations) with a notification envelope as its body.
 */
export function isNotification(v: Vector): boolean {
  if (v.method !== "POST" || /\/v2\/[a-z]+\/[a-z]+$/.test(new URL(v.url).pathname) || typeof v.body !== "string") return false;
  try {
    const body = JSON.parse(v.body) as { code?: unknown; data?: unknown };
    return body.code === "OK" && typeof body.data === "object" && body.data !== null && !("balanceList" in body.data);
  } catch {
    return false;
  }
}
