// The part of the public API that is the same in every entry.

export type { GatewayClient, Operation } from "./client.js";
export {
  AuthenticationError,
  ConnectionError,
  GatewayError,
  type GatewayErrorDetails,
  type GatewayErrorType,
  isGatewayError,
  ResponseSignatureError,
  ServerError,
  TimeoutError,
} from "./errors.js";
export type { OnRequest, OnResponse, RequestEvent, ResponseEvent, SignatureStatus } from "./hooks.js";
export {
  type CaCertificates,
  type CallOptions,
  DEFAULTS,
  type FetchLike,
  type GatewayClientOptions,
  type RetryBackoff,
} from "./options.js";
export { MAX_RETRY_AFTER_MS } from "./retry.js";
export type { AppInfo } from "./user-agent.js";
export { VERSION } from "./version.js";
