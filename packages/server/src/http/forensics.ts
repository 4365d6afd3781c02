// Signature forensics for a 401 Common.Auth.Sign_Failed: the reference gateway is a sandbox, so
// it says which part of the signed content most likely differs. It recomputes the sign for the
// usual mistakes (diagnoseSignatureSync from @gatekit/signature: a bounded handful of hashes, on
// the failure path only) and names the one that matches. The message names URLs and never the
// secret or the expected sign.

import { diagnoseSignatureSync, type VerifyInput } from "@gatekit/signature/node";

/** What the request looked like, beyond the content the gateway verified. */
export interface ForensicsRequest {
  /** The request's own URL (from its Host header). */
  readonly requestUrl: string;
  readonly header: (name: string) => string | undefined;
  readonly basePath: string;
  readonly publicUrl: string | null;
}

/** The errorMessage of a Sign_Failed answer for `input` (the content the gateway verified, with the request's sign). */
export function signatureMismatchMessage(input: VerifyInput, request: ForensicsRequest): string {
  const mistake = diagnoseSignatureSync(input, { basePath: request.basePath, origins: originsOf(request) });
  if (mistake)
    return (
      `signature mismatch: the request was most likely signed over ` +
      `${mistake.signed}; ${mistake.fix}. The gateway verified ${input.url}`
    );
  return (
    `signature mismatch, and none of the usual mistakes explains it (base path, http vs https, host or port, ` +
    `trailing slash, re-serialized or re-encoded body, trailing newline, timestamp in seconds): ` +
    `check that the appSecret is the one of appId ${input.appId} in this environment ` +
    `(sandbox and production differ) and that this appId signed, then the method, ` +
    `the full URL as sent and the exact body bytes; the gateway verified ${input.url}`
  );
}

// The origins a signer may have seen instead of the one verified: what a proxy forwarded, and
// the request's own Host when a public URL is configured.
function originsOf(request: ForensicsRequest): { origin: string; source: string }[] {
  const own = new URL(request.requestUrl);
  const origins: { origin: string; source: string }[] = [];
  const forwardedHost = first(request.header("x-forwarded-host"));
  const forwardedProto = first(request.header("x-forwarded-proto"));
  if (forwardedHost || forwardedProto) {
    const proto = forwardedProto ?? own.protocol.slice(0, -1);
    origins.push({
      origin: `${proto}://${forwardedHost ?? own.host}`,
      source: "the X-Forwarded-Host and X-Forwarded-Proto headers",
    });
  }
  if (request.publicUrl !== null)
    origins.push({ origin: own.origin, source: "the request's Host header, not the configured public URL," });
  return origins.filter(({ origin }) => /^https?:\/\/[^/\s]+$/i.test(origin));
}

function first(value: string | undefined): string | undefined {
  const head = value?.split(",")[0]?.trim();
  return head === "" ? undefined : head;
}
