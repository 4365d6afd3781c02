// The requests certify sends, over node:http and node:https rather than the global fetch: a
// merchant that refuses an oversized body often answers 413 and closes the connection before
// the body is fully sent, and that answer must be read, not lost in a write error. Shaped like
// fetch, so the gateway's own delivery code (notify/send.ts) can send through it.

import { type ClientRequest, type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";

/** What {@link createTransport} can do to a request beyond sending it. */
export interface TransportHooks {
  /**
   * Called with the request as the sender built it; returns the request to send instead (the
   * forgeries change the header or the body after the gateway's code signed it).
   */
  readonly rewrite?: ((request: OutgoingRequest) => OutgoingRequest) | undefined;
  /**
   * Stop waiting as soon as the request is written, as a gateway whose timeout fired does: the
   * promise rejects with an AbortError and whatever the merchant answers is never read.
   */
  readonly abandonAfterSend?: boolean | undefined;
}

/** One request: where, which headers (lowercase names) and the body bytes. */
export interface OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | string;
}

/** A fetch-like function over node:http(s): no redirects followed, every request cut off by its signal. */
export function createTransport(hooks: TransportHooks = {}): typeof globalThis.fetch {
  return ((input: string | URL, init: RequestInit = {}) => {
    const built: OutgoingRequest = {
      url: String(input),
      method: init.method ?? "GET",
      headers: headerRecord(init.headers),
      body: typeof init.body === "string" || init.body instanceof Uint8Array ? init.body : "",
    };
    return send(
      hooks.rewrite ? hooks.rewrite(built) : built,
      init.signal ?? undefined,
      hooks.abandonAfterSend === true,
    );
  }) as typeof globalThis.fetch;
}

function send(outgoing: OutgoingRequest, signal: AbortSignal | undefined, abandon: boolean): Promise<Response> {
  return new Promise((resolve, reject) => {
    const url = new URL(outgoing.url);
    const body = typeof outgoing.body === "string" ? Buffer.from(outgoing.body, "utf8") : outgoing.body;
    const headers = { ...outgoing.headers, "content-length": String(body.byteLength) };
    const options = { method: outgoing.method, headers, agent: false as const };
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const onResponse = (res: IncomingMessage) => {
      if (settled) {
        res.resume();
        return;
      }
      settled = true;
      const status = res.statusCode ?? 0;
      // Response refuses statuses outside 200–599; such an answer is nonsense a merchant sent, reported as it is.
      const stream = Readable.toWeb(res) as ReadableStream<Uint8Array>;
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers))
        if (typeof value === "string") responseHeaders.set(name, value);
      const nullBody = status === 204 || status === 304;
      resolve(
        new Response(nullBody ? null : stream, {
          status: status >= 200 && status <= 599 ? status : 599,
          statusText: status >= 200 && status <= 599 ? "" : `status ${status}`,
          headers: responseHeaders,
        }),
      );
    };
    let req: ClientRequest;
    try {
      req = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, options, onResponse);
    } catch (error) {
      fail(error);
      return;
    }
    const abort = () => {
      const error = new DOMException("The request was cut off by its timeout.", "AbortError");
      req.destroy(error);
      fail(error);
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener("abort", abort, { once: true });
    req.once("close", () => signal?.removeEventListener("abort", abort));
    // A write error after the answer arrived (the merchant closed early) is not a failure to report.
    req.on("error", (error) => fail(error));
    req.end(body, () => {
      if (!abandon) return;
      fail(new DOMException("Abandoned after sending, as a gateway whose timeout fired.", "AbortError"));
      // The connection stays open, so the merchant gets every byte and answers into the void;
      // one that never answers is cut off later.
      setTimeout(() => req.destroy(), 10_000).unref();
    });
  });
}

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    record[name] = value;
  });
  return record;
}

/** A whole exchange: the answer's status and text (at most 64 KiB of it), and how long it took. */
export interface Exchange {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly ms: number;
}

/** Something certify could not do, said in one line that names what and where, without secrets. */
export class CertifyProblem extends Error {
  override readonly name = "CertifyProblem";
}

const MAX_TEXT_BYTES = 64 * 1024;

/**
 * Sends one request and reads its answer within `timeoutMs`. Throws a {@link CertifyProblem}
 * saying what happened (`what` names the request, such as "the status source") for a network
 * error or a timeout; any HTTP status is an answer.
 */
export async function exchange(what: string, request: OutgoingRequest, timeoutMs: number): Promise<Exchange> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await createTransport()(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body as BodyInit,
      signal,
    });
    const text = await readText(response);
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      text,
      ms: performance.now() - started,
    };
  } catch (error) {
    if (signal.aborted)
      throw new CertifyProblem(
        `${what} (${request.method} ${request.url}) gave no complete answer within ${formatMs(timeoutMs)}`,
      );
    throw new CertifyProblem(
      `${what} (${request.method} ${request.url}) could not be reached: ${describeNetworkError(error)}`,
    );
  }
}

async function readText(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_TEXT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= MAX_TEXT_BYTES) await reader.cancel().catch(() => undefined);
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_TEXT_BYTES));
}

/** A network error's code and message, such as `ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9`. */
export function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Milliseconds for a person: `840 ms`, `2.5 s`. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** At most `max` characters of a merchant's answer, on one line, for a report. */
export function excerpt(text: string, max = 120): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return "an empty body";
  return JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
}
