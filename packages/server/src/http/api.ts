// The public API under the base path: authentication, then one transaction per request in which
// the nonce is recorded first (a replay is refused before anything else happens), then the
// User-Agent, the strict JSON body, its schema, and the operation itself. A business refusal
// still commits the nonce; a fault rolls everything back.

import { ResponseCodes } from "@gatekit/types";
import { Hono } from "hono";
import { isGatewayError } from "../domain/errors.js";
import { authenticate } from "./auth.js";
import type { HttpDeps } from "./deps.js";
import { ok, refuse } from "./envelope.js";
import type { GatewayEnv } from "./env.js";
import { internalError, methodNotAllowed } from "./errors.js";
import { parseStrictJson } from "./json.js";
import { contractOperations, handlers, runOperation } from "./operations.js";
import { publicOriginOf } from "./urls.js";
import { describeErrors, validatorAt } from "./validation.js";

type Outcome = { ok: true; data: unknown } | { ok: false; status: 200 | 401; code: string; message: string };

/** The public operations, to mount at the base path. */
export function createApi(deps: HttpDeps): Hono<GatewayEnv> {
  const api = new Hono<GatewayEnv>();
  api.onError(internalError(deps.logger));
  const userAgentValid = validatorAt("openapi", "/components/parameters/UserAgent/schema");
  const operations = contractOperations();
  const paths = new Set(operations.map((operation) => operation.path));

  for (const operation of operations) {
    if (!handlers[operation.id])
      throw new Error(`The contract's ${operation.id} has no handler in http/operations.ts.`);
    const validate = validatorAt("openapi", operation.requestPointer);

    api.post(operation.path, authenticate(deps, operation.id), async (c) => {
      const { merchant, nonce, timestamp, body } = c.get("auth")!;
      const userAgent = c.req.header("user-agent");
      const ctx = deps.context();
      const origin = publicOriginOf(c.req.url, deps.publicUrl);
      // Checked before the transaction: parsing and validation touch nothing.
      const parsed = parseStrictJson(body);
      // Read the errors now: the validator is shared, and the next request's call replaces them.
      const invalid = parsed.ok && !validate(parsed.value) ? describeErrors(validate.errors) : null;

      const outcome = await deps.store.transaction(async (tx): Promise<Outcome> => {
        // `deps.now` is real time, not the test clock: a moved clock must not make a live nonce look expired.
        if (!(await tx.nonces.remember(merchant.appId, nonce, timestamp + deps.clockToleranceMs, deps.now()))) {
          return {
            ok: false,
            status: 401,
            code: ResponseCodes.SignTimeout,
            message:
              `nonce ${nonce} was already used within the last ${Math.round(deps.clockToleranceMs / 60_000)} ` +
              `minutes (a replay); sign every request, retries included, with a new nonce and timestamp`,
          };
        }
        if (userAgent === undefined || userAgent.trim() === "") {
          return {
            ok: false,
            status: 200,
            code: ResponseCodes.UserAgentRequired,
            message:
              "the User-Agent header is missing or empty; send your HTTP client's default, or <your system>/<version>",
          };
        }
        if (!userAgentValid(userAgent)) {
          return {
            ok: false,
            status: 200,
            code: ResponseCodes.RequestParameterError,
            message: `User-Agent: ${describeErrors(userAgentValid.errors).replace(/^[^:]*: /, "")}`,
          };
        }
        if (!parsed.ok)
          return { ok: false, status: 200, code: ResponseCodes.HttpRequestError, message: parsed.message };
        if (invalid !== null)
          return { ok: false, status: 200, code: ResponseCodes.RequestParameterError, message: invalid };
        try {
          return { ok: true, data: await runOperation(operation.id, tx, ctx, merchant, parsed.value, origin) };
        } catch (error) {
          if (isGatewayError(error)) return { ok: false, status: 200, code: error.code, message: error.message };
          throw error;
        }
      });
      return outcome.ok ? ok(c, outcome.data) : refuse(c, outcome.status, outcome.code, outcome.message);
    });
  }

  // Everything else under the base path: a known path with another method, or an unknown path.
  api.all("*", (c) => {
    const relative = c.req.path.slice(deps.basePath.length);
    return paths.has(relative) ? methodNotAllowed(c) : c.notFound();
  });
  return api;
}
