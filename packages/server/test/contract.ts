// The gateway checks itself against the contract: every response a test receives is validated
// with ajv against the schema the contract gives for that operation and status, its code must be
// one the contract names, and its signature must verify. A test cannot forget to do it: `call`
// does it on every response.

import { isKnownResponseCode } from "@gatekit/types";
import { parseAuthorization, verifySync } from "@gatekit/signature/node";
import { contractOperations } from "../src/http/operations.js";
import { controlDocument } from "../src/generated/documents.js";
import { describeErrors, validatorAt } from "../src/http/validation.js";

const byPath = new Map(contractOperations().map((operation) => [operation.path, operation]));
const authorizationPattern = validatorAt("openapi", "/components/headers/Authorization/schema");
const errorSchemas: Record<number, string> = {
  401: "/components/responses/Unauthorized/content/application~1json/schema",
  413: "/components/responses/PayloadTooLarge/content/application~1json/schema",
  500: "/components/responses/ServerError/content/application~1json/schema",
};

/** What was sent, for checking what came back. */
export interface SentRequest {
  /** The operation path relative to the base path, such as `/v2/payment/create`. */
  readonly path: string;
  readonly method: string;
  /** The URL the response must be signed over. */
  readonly url: string;
  /** The merchant whose secret must sign the response, when the request named one the gateway knows. */
  readonly signer?: { readonly appId: string; readonly appSecret: string } | undefined;
}

/**
 * Throws when the response breaks the contract: its body against the operation's (or the error's)
 * schema, `data` null exactly when `code` is not OK, a known code with the HTTP status the
 * contract gives it, a JSON content type, and a valid signature from the expected merchant.
 */
export function assertContractResponse(sent: SentRequest, response: Response, text: string): void {
  const fail = (problem: string) => {
    throw new Error(`${sent.method} ${sent.path} → ${response.status}: ${problem}\n${text.slice(0, 500)}`);
  };
  if (!(response.headers.get("content-type") ?? "").startsWith("application/json"))
    fail("the content type is not application/json");
  let body: { code?: unknown; data?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return fail("the body is not JSON");
  }
  const operation = byPath.get(sent.path);
  const pointer =
    response.status === 200 && operation && sent.method === "POST"
      ? operation.responsePointer
      : (errorSchemas[response.status >= 500 ? 500 : response.status] ?? "/components/schemas/ErrorEnvelope");
  const validate = validatorAt("openapi", pointer);
  if (!validate(body)) fail(`the body does not match ${pointer}: ${describeErrors(validate.errors)}`);
  if (!isKnownResponseCode(body.code)) fail(`the code ${String(body.code)} is not one the contract names`);
  if ((body.code === "OK") !== (body.data !== null)) fail("data must be null exactly when code is not OK");
  const expected = expectedStatus(String(body.code));
  if (expected !== undefined && !expected.includes(response.status))
    fail(`${String(body.code)} comes with HTTP ${expected.join(" or ")} in the contract`);

  const header = response.headers.get("authorization");
  if (sent.signer === undefined) {
    if (header !== null) fail("a response to an unknown merchant cannot be signed, yet it has an Authorization header");
    return;
  }
  if (header === null) return fail("the response is not signed");
  if (!authorizationPattern(header)) fail("the Authorization header does not match the contract's pattern");
  const parts = parseAuthorization(header);
  if (parts.appId !== sent.signer.appId) fail(`the response is signed for ${parts.appId}, not ${sent.signer.appId}`);
  const verified = verifySync({
    ...parts,
    appSecret: sent.signer.appSecret,
    method: sent.method,
    url: sent.url,
    body: text,
  });
  if (!verified) fail("the response signature does not verify over the request's method and URL and the body received");
}

function expectedStatus(code: string): number[] | undefined {
  if (code.startsWith("Common.Auth.")) return [401];
  switch (code) {
    case "Common.Not_Found":
      return [404];
    case "Common.Method_Not_Allowed":
      return [405];
    case "Common.Payload_Too_Large":
      return [413];
    case "Common.Internal_Error":
      return [500, 503];
    default:
      return [200];
  }
}

type ControlOperation = { method: string; pattern: RegExp; pointer: string };
const controlOperations: ControlOperation[] = Object.entries(
  controlDocument["paths"] as Record<string, Record<string, unknown>>,
).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((method) => ["get", "post"].includes(method))
    .map((method) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      pointer:
        `/paths/${path.replaceAll("~", "~0").replaceAll("/", "~1")}` +
        `/${method}/responses/200/content/application~1json/schema`,
    })),
);

/**
 * Throws when a control API response breaks spec/control.yaml: a 200 against the operation's
 * schema, anything else against ErrorEnvelope with a code matching its status.
 */
export function assertControlResponse(method: string, path: string, response: Response, text: string): void {
  const fail = (problem: string) => {
    throw new Error(`control ${method} ${path} → ${response.status}: ${problem}\n${text.slice(0, 500)}`);
  };
  let body: { code?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return fail("the body is not JSON");
  }
  const operation = controlOperations.find((candidate) => candidate.method === method && candidate.pattern.test(path));
  const pointer = response.status === 200 && operation ? operation.pointer : "/components/schemas/ErrorEnvelope";
  const validate = validatorAt("control", pointer);
  if (!validate(body)) fail(`the body does not match ${pointer}: ${describeErrors(validate.errors)}`);
  const statusOf: Record<string, number> = {
    OK: 200,
    "Control.Common.Invalid_Request": 400,
    "Control.Common.Unauthorized": 401,
    "Control.Common.Forbidden": 403,
    "Control.Common.Not_Found": 404,
    "Control.Common.Conflict": 409,
    "Control.Common.Internal_Error": 500,
  };
  if (statusOf[String(body.code)] !== response.status)
    fail(`${String(body.code)} must come with HTTP ${statusOf[String(body.code)]}`);
}
