// Faults a real gateway does not produce on demand, injected in front of the reference gateway:
// the request first reaches the gateway, which authenticates and
// processes it exactly as usual (so a retry that re-used a nonce would be refused, and a create
// that "failed" really happened), then its answer is replaced, delayed, altered or dropped.

import type { AuthorizationParts } from "@gatekit/signature";
import { createNonce, createTimestamp, formatAuthorization, parseAuthorization, sign } from "@gatekit/signature";
import type { Interceptor } from "@gatekit/testing";

/** One fault, applied to one request. */
export type Fault =
  /** Replace the answer with this status and envelope code (503, 401, or 200 with a business code). */
  | {
      readonly kind: "answer";
      readonly status: number;
      readonly code: string;
      readonly errorMessage?: string;
      /** A Retry-After header value. */
      readonly retryAfter?: string;
      /** Sign the replacement like the gateway would (default), or not, like a proxy's error page. */
      readonly signed?: boolean;
    }
  /** Hold the answer back: before the headers, or after the headers and half the body. */
  | { readonly kind: "delay"; readonly ms: number; readonly phase: "headers" | "body" }
  /** Close the connection without answering. */
  | { readonly kind: "drop" }
  /** Change the body after it was signed (a PENDING status becomes PAID). */
  | { readonly kind: "tamper" }
  /** Remove the response's Authorization header. */
  | { readonly kind: "unsigned" }
  /** Re-sign the answer with a timestamp ten minutes old, as a replayed response would be. */
  | { readonly kind: "stale" };

/** A request as the server received it, before the gateway saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** The parsed Authorization header, when it parses. */
  readonly authorization: AuthorizationParts | undefined;
  /** The fault applied to this request, if any. */
  readonly fault: Fault | undefined;
}

/** The faults to apply, in order, one per operation request; and every request received. */
export class FaultPlan {
  readonly #queue: Fault[] = [];
  /** Every operation request received, in order. */
  readonly requests: RecordedRequest[] = [];

  /** Applies `fault` to each of the next `times` operation requests. */
  inject(fault: Fault, times = 1): this {
    for (let i = 0; i < times; i++) this.#queue.push(fault);
    return this;
  }

  /** Forgets pending faults and recorded requests. */
  reset(): void {
    this.#queue.length = 0;
    this.requests.length = 0;
  }

  /** How many faults are still waiting. */
  get pending(): number {
    return this.#queue.length;
  }

  /** @internal The next fault, if any. */
  take(): Fault | undefined {
    return this.#queue.shift();
  }
}

/** The interceptor that applies `plan`; `secretOf` gives the secret of an appId, to sign replacements. */
export function faultInterceptor(plan: FaultPlan, secretOf: (appId: string) => string | undefined): Interceptor {
  return async ({ request, body, req, res, forward }) => {
    // Control calls pass untouched and unrecorded.
    if (new URL(request.url).pathname.startsWith("/__gateway/")) return forward();
    const fault = plan.take();
    plan.requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body,
      authorization: tryParse(request.headers.get("authorization")),
      fault,
    });
    const response = await forward();
    if (fault === undefined) return response;

    const bytes = new Uint8Array(await response.arrayBuffer());
    const headers = new Headers(response.headers);
    const appId = tryParse(request.headers.get("authorization"))?.appId;
    const appSecret = appId === undefined ? undefined : secretOf(appId);
    const resign = async (content: Uint8Array, timestamp?: string): Promise<void> => {
      if (appId === undefined || appSecret === undefined) return;
      const input = { appId, appSecret, method: request.method, url: request.url, body: content };
      headers.set(
        "authorization",
        await responseAuthorization(timestamp === undefined ? input : { ...input, timestamp }),
      );
    };

    switch (fault.kind) {
      case "answer": {
        const replacement = new TextEncoder().encode(
          JSON.stringify({
            code: fault.code,
            errorMessage: fault.errorMessage ?? `injected ${fault.code}`,
            data: null,
          }),
        );
        headers.delete("authorization");
        if (fault.signed !== false) await resign(replacement);
        if (fault.retryAfter !== undefined) headers.set("retry-after", fault.retryAfter);
        return new Response(replacement, { status: fault.status, headers });
      }
      case "delay": {
        if (fault.phase === "headers") {
          await sleep(fault.ms);
          return new Response(bytes, { status: response.status, headers });
        }
        const half = Math.floor(bytes.length / 2);
        res.writeHead(response.status, { ...Object.fromEntries(headers), "content-length": String(bytes.length) });
        res.write(bytes.subarray(0, half));
        await sleep(fault.ms);
        if (!res.destroyed) res.end(bytes.subarray(half));
        return "handled";
      }
      case "drop":
        req.socket.destroy();
        return "handled";
      case "tamper": {
        const text = new TextDecoder().decode(bytes);
        const altered = text.includes('"PENDING"')
          ? text.replace('"PENDING"', '"PAID"')
          : text.replace('"code":"', '"code":"X');
        return new Response(new TextEncoder().encode(altered), { status: response.status, headers });
      }
      case "unsigned":
        headers.delete("authorization");
        return new Response(bytes, { status: response.status, headers });
      case "stale":
        await resign(bytes, String(Date.now() - 10 * 60_000));
        return new Response(bytes, { status: response.status, headers });
    }
  };
}

function tryParse(header: string | null): AuthorizationParts | undefined {
  try {
    return parseAuthorization(header);
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Signs a replacement answer the way the gateway signs its own: the request's method and URL, a fresh nonce. */
async function responseAuthorization(input: {
  appId: string;
  appSecret: string;
  method: string;
  url: string;
  body: Uint8Array;
  timestamp?: string;
}): Promise<string> {
  const timestamp = input.timestamp ?? createTimestamp();
  const nonce = createNonce();
  return formatAuthorization({
    appId: input.appId,
    sign: await sign({ ...input, timestamp, nonce }),
    timestamp,
    nonce,
  });
}
