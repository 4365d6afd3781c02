// Node's http module (and anything built on its request and response objects: Connect, Express,
// Koa's ctx.req/ctx.res). Typed structurally, so nothing from node:http is imported and the
// package stays free of runtime dependencies on Node.

import { DEFAULT_MAX_BODY_BYTES, checkReadOptions } from "../config.js";
import { invalidBody } from "../errors.js";
import { answer, answerHeaders, handlerSettings, type Answer } from "../handler.js";
import { Collector, checkDeclaredLength } from "../read.js";
import type { Notification, ReadOptions, WebhookHandlerOptions } from "../types.js";
import { verifyNotification } from "../verify.js";

/** What is read of an `http.IncomingMessage`. `body` is where a body parser left its result, if one ran. */
export interface NodeRequest extends AsyncIterable<Uint8Array | string> {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** True once the stream was read to its end, by us or by someone before us. */
  readonly readableEnded?: boolean | undefined;
  readonly body?: unknown;
  /** A readable stream's events; when present the body is read through them (see readRawBody). */
  on?(event: "data" | "end" | "error" | "aborted", listener: (value?: never) => void): unknown;
  off?(event: "data" | "end" | "error" | "aborted", listener: (value?: never) => void): unknown;
  pause?(): unknown;
}

/** What is used of an `http.ServerResponse`. */
export interface NodeResponse {
  writeHead(statusCode: number, headers: Record<string, string>): unknown;
  end(body: string): unknown;
  readonly headersSent?: boolean | undefined;
}

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions extends WebhookHandlerOptions {
  /**
   * Called with an error thrown by `onNotification` (the handler then answers 500 and the
   * gateway retries later). Defaults to `console.error`. Without it an error would be lost, since
   * a rejected promise from an `http` request listener has nobody to catch it.
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

const encoder = new TextEncoder();

/**
 * The raw body of a Node request, as bytes, up to `maxBodyBytes`. A body already set by a raw
 * body parser (a Buffer or a string in `req.body`) is taken as it is; a parsed object is refused
 * with the message that says how to keep the raw body.
 */
export async function readRawBody(
  req: NodeRequest,
  maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
): Promise<Uint8Array> {
  const { body } = req;
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return encoder.encode(body);
  if (req.readableEnded === true) {
    throw invalidBody(
      body !== undefined && body !== null && typeof body === "object"
        ? "req.body is a parsed object: a JSON body parser ran before this handler, " +
            "and the raw bytes it read are gone. " +
            'Mount express.raw({ type: "application/json" }) on this route (or this handler before any JSON parser).'
        : "The request body was already read by something before this handler, so its raw bytes are gone. " +
            "Verify before anything reads the body.",
    );
  }
  checkDeclaredLength(headerOf(req, "content-length"), maxBodyBytes);
  const collector = new Collector(maxBodyBytes);
  if (typeof req.on === "function" && typeof req.off === "function" && typeof req.pause === "function")
    return readEvents(req, collector);
  for await (const chunk of req) collector.add(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
  return collector.bytes();
}

// A body that streams past the cap (chunked, with no Content-Length to refuse it by) stops being
// read and the stream is paused, not destroyed: leaving a `for await` early would destroy the
// socket, and the sender would get a dropped connection instead of the 413 that says why.
function readEvents(req: NodeRequest, collector: Collector): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      req.off!("data", onData);
      req.off!("end", onEnd);
      req.off!("error", onError);
      req.off!("aborted", onAborted);
    };
    const onData = (chunk?: Uint8Array | string) => {
      try {
        collector.add(typeof chunk === "string" ? encoder.encode(chunk) : (chunk as Uint8Array));
      } catch (error) {
        stop();
        req.pause!();
        reject(error);
      }
    };
    const onEnd = () => {
      stop();
      resolve(collector.bytes());
    };
    const onError = (error?: Error) => {
      stop();
      reject(error);
    };
    const onAborted = () => onError(new Error("The sender closed the connection before the body was complete."));
    req.on!("data", onData as (value?: never) => void);
    req.on!("end", onEnd);
    req.on!("error", onError as (value?: never) => void);
    req.on!("aborted", onAborted);
  });
}

/** Reads and verifies a notification from a Node request: {@link readRawBody}, then {@link verifyNotification}. */
export async function verifyNodeRequest(req: NodeRequest, options: ReadOptions): Promise<Notification> {
  const maxBodyBytes = checkReadOptions(options);
  const body = await readRawBody(req, maxBodyBytes);
  return verifyNotification({ ...options, body, authorization: headerOf(req, "authorization"), headers: req.headers });
}

/**
 * A request listener for `http.createServer` (or a route of any framework that hands over Node's
 * `req` and `res`): verifies, calls `onNotification`, answers `{"code":"OK"}`; answers 401, 400
 * or 413 with a small JSON body when verification fails, and 500 when `onNotification` throws.
 * The returned promise never rejects.
 */
export function createNodeHandler(options: NodeHandlerOptions): (req: NodeRequest, res: NodeResponse) => Promise<void> {
  const settings = handlerSettings(options);
  const { onError = (error: unknown) => console.error("@gatekit/webhooks: onNotification failed;", error) } = options;
  return async (req, res) => {
    let result: Answer;
    try {
      result = await answer(settings, () => verifyNodeRequest(req, settings.options));
    } catch (error) {
      onError(error);
      result = INTERNAL_ERROR;
    }
    if (res.headersSent !== true) res.writeHead(result.status, answerHeaders(result));
    res.end(result.body);
  };
}

const INTERNAL_ERROR: Answer = {
  status: 500,
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    reason: "internal_error",
    message: "The notification could not be processed; the gateway will retry it.",
  }),
};

/** One header as a string; a repeated header (an array) is joined, which the parser then refuses. */
export function headerOf(req: Pick<NodeRequest, "headers">, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" || value === undefined ? value : value.join(", ");
}
