// The known-answer vectors every test loads: spec/vectors/signature.json, computed independently.

import { readFileSync } from "node:fs";

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

export const vectors: readonly Vector[] = raw.vectors.map(({ body, bodyBase64, ...rest }) => {
  if ((body === undefined) === (bodyBase64 === undefined)) throw new Error(`vector "${rest.name}" needs exactly one of body and bodyBase64`);
  return { ...rest, body: body ?? new Uint8Array(Buffer.from(bodyBase64!, "base64")) };
});

/** The content built the slow, obvious way, to check canonicalContent against. */
export function expectedContent(v: Vector): Uint8Array {
  const head = [v.appId, v.appSecret, v.method, v.url, v.timestamp, v.nonce].map((line) => `${line}\n`).join("");
  const body = typeof v.body === "string" ? Buffer.from(v.body, "utf8") : Buffer.from(v.body);
  return new Uint8Array(Buffer.concat([Buffer.from(head, "utf8"), body, Buffer.from("\n")]));
}
