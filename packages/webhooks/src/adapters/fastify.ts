// Fastify parses JSON bodies itself, which would lose the raw bytes. The plugin keeps them by
// registering, inside its own encapsulated context, a parser that hands every body over as a
// Buffer; the rest of the application keeps its parsers. Do not wrap it with fastify-plugin, which
// would break that encapsulation.

import { answer, handlerSettings } from "../handler.js";
import type { RawBody, WebhookHandlerOptions } from "../types.js";
import { verifyNotification } from "../verify.js";
import { headerOf } from "./node.js";

const EMPTY = new Uint8Array(0);

/** What is used of a Fastify request. */
export interface FastifyRequestLike {
  readonly body?: unknown;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** What is used of a Fastify reply. */
export interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(payload: string): FastifyReplyLike;
}

/** What is used of a Fastify instance, inside the plugin's own context. */
export interface FastifyInstanceLike {
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: "buffer"; bodyLimit?: number },
    parser: (request: unknown, body: Uint8Array, done: (error: Error | null, body?: unknown) => void) => void,
  ): unknown;
  route(options: {
    method: "POST";
    url: string;
    bodyLimit?: number;
    handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<FastifyReplyLike>;
  }): unknown;
}

/** Options of {@link fastifyWebhook}: the handler's, and the route's path within the plugin's prefix. */
export interface FastifyWebhookOptions extends WebhookHandlerOptions {
  /** The route's path, under the prefix the plugin is registered with. Default `"/"`. */
  readonly path?: string | undefined;
}

/**
 * A Fastify plugin that serves notifications on `POST path`: verifies, calls `onNotification`,
 * answers `{"code":"OK"}`; answers 401, 400 or 413 with a small JSON body when verification fails.
 * An error thrown by `onNotification` goes to Fastify's error handler (500) and the gateway
 * retries.
 *
 * ```ts
 * await app.register(fastifyWebhook({ notifyUrl, appId, appSecret, onNotification }), { prefix: "/gateway/notify" });
 * ```
 */
export function fastifyWebhook(options: FastifyWebhookOptions): (instance: FastifyInstanceLike) => Promise<void> {
  const settings = handlerSettings(options);
  const { path = "/" } = options;
  const bodyLimit = settings.options.maxBodyBytes;
  return async (instance) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser("*", { parseAs: "buffer", bodyLimit }, (_request, body, done) => done(null, body));
    instance.route({
      method: "POST",
      url: path,
      bodyLimit,
      handler: async (request, reply) => {
        // No body at all (no Content-Length, or 0) reaches here as undefined: verify it as empty.
        const body = (request.body ?? EMPTY) as RawBody;
        const authorization = headerOf(request, "authorization");
        const result = await answer(settings, () =>
          verifyNotification({ ...settings.options, body, authorization, headers: request.headers }),
        );
        return reply
          .code(result.status)
          .headers({ ...result.headers })
          .send(result.body);
      },
    });
  };
}
