// The known-answer vectors, with the content each one signs built the slow, obvious way.

import type { Vector } from "@gatekit/testing";

export { type Vector, vectors } from "@gatekit/testing";

/** The content built the slow, obvious way, to check canonicalContent against. */
export function expectedContent(v: Vector): Uint8Array {
  const head = [v.appId, v.appSecret, v.method, v.url, v.timestamp, v.nonce].map((line) => `${line}\n`).join("");
  const body = typeof v.body === "string" ? Buffer.from(v.body, "utf8") : Buffer.from(v.body);
  return new Uint8Array(Buffer.concat([Buffer.from(head, "utf8"), body, Buffer.from("\n")]));
}
