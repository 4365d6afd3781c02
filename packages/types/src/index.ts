/**
 * The gateway V2 contract as TypeScript: the generated `paths`, `components`, `operations` and
 * `webhooks`, readable aliases for each request, response, notification and enum, each
 * operation's request and data by operationId or path, the contract's pure helpers for amounts,
 * times and response codes, and the wire protocol every package shares: strict JSON, capped body
 * reading, the envelope's text and the acknowledgement.
 * @packageDocumentation
 */
export type { $defs, components, operations, paths, webhooks } from "./generated/schema.js";
export type * from "./aliases.js";
export type {
  ApiOperationId,
  ApiPath,
  DataAt,
  OperationData,
  OperationRequest,
  OperationResponse,
  RequestAt,
} from "./operation.js";
export {
  AMOUNT_PATTERN,
  AmountError,
  type AmountString,
  MAX_MINOR_UNITS,
  addAmounts,
  compareAmounts,
  fromMinorUnits,
  isAmount,
  subtractAmounts,
  toMinorUnits,
} from "./amount.js";
export { isAuthCode, isKnownResponseCode, ResponseCodes } from "./codes.js";
export {
  type FormatGatewayTimeOptions,
  formatGatewayTime,
  GATEWAY_OFFSET_MINUTES,
  GATEWAY_TIME_PATTERN,
  GatewayTimeError,
  type GatewayTimeString,
  isGatewayTime,
  parseGatewayTime,
} from "./time.js";
export { NOTIFICATION_ATTEMPT_HEADER, NOTIFICATION_ID_HEADER } from "./headers.js";
export { ACK, isAcknowledgement } from "./wire/ack.js";
export {
  BodyTooLargeError,
  ByteCollector,
  declaresMoreThan,
  isBodyTooLarge,
  readCapped,
  readPrefix,
} from "./wire/body.js";
export {
  checkEnvelope,
  type EnvelopeProblem,
  type EnvelopeResult,
  envelopeText,
  type ReadEnvelopeOptions,
  readEnvelope,
  type WireEnvelope,
} from "./wire/envelope.js";
export {
  decodeStrictText,
  duplicateKey,
  MAX_JSON_DEPTH,
  parseStrictJson,
  parseStrictJsonText,
  type StrictJsonProblem,
  type StrictJsonResult,
  type StrictTextResult,
} from "./wire/json.js";
