// A custom CA under Node. Node's global fetch cannot take a CA per request, and certificate checks
// are never switched off, so a client with `ca` sends through undici (an optional peer dependency,
// loaded on first use only) with an Agent that trusts that CA in addition to the system's.

import type { CaCertificates, FetchLike } from "./options.js";

type Undici = {
  Agent: new (options: { connect: { ca: string | Uint8Array | (string | Uint8Array)[] } }) => unknown;
  fetch: (url: string, init: Record<string, unknown>) => Promise<unknown>;
};

/** A loader for a fetch that trusts `ca`; it imports undici once, on the first call. */
export function fetchWithCa(ca: CaCertificates): () => Promise<FetchLike> {
  let loading: Promise<FetchLike> | undefined;
  return () => (loading ??= load(ca));
}

async function load(ca: CaCertificates): Promise<FetchLike> {
  let undici: Undici;
  try {
    undici = (await import("undici")) as unknown as Undici;
  } catch (error) {
    throw new Error(
      "The ca option sends through the undici package, which is not installed: add it (npm install undici).",
      { cause: error },
    );
  }
  const agent = new undici.Agent({ connect: { ca: Array.isArray(ca) ? [...ca] : (ca as string | Uint8Array) } });
  // undici's own fetch, not the global one: an Agent from the npm package is not guaranteed to
  // fit the undici version bundled in Node.
  return (url, init) => undici.fetch(url, { ...init, dispatcher: agent }) as Promise<Response>;
}
