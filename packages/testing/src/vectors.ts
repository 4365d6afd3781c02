// The known-answer vectors every package's tests load: spec/vectors/signature.json.

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
  if ((body === undefined) === (bodyBase64 === undefined)) throw new Error(`vector "${rest.name}" needs exactly one of body and bodyBase64`);
  return { ...rest, body: body ?? new Uint8Array(Buffer.from(bodyBase64!, "base64")) };
});
