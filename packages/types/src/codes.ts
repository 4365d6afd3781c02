// The gateway's `code` values. The type check ties each constant to the contract's
// KnownResponseCode, and a test keeps the two lists equal, so neither can drift.
import type { KnownResponseCode } from "./aliases.js";

/** Every response code the contract names, by a readable key. */
export const ResponseCodes = {
  /** The request was processed. */
  OK: "OK",
  /** The Authorization header is missing or empty. */
  AuthorizationHeaderNotFound: "Common.Auth.Authorization_Header_Not_Found",
  /** The signature does not match: check the method, the full URL, and the appId/appSecret pair. */
  SignFailed: "Common.Auth.Sign_Failed",
  /** The timestamp is more than five minutes away from the gateway's clock, or the nonce was used before. */
  SignTimeout: "Common.Auth.Sign_Timeout",
  /** The Authorization header is malformed. */
  InvalidSign: "Common.Auth.Invalid_Sign",
  /** The appId may not call this API. */
  AuthFailed: "Common.Auth.Auth_Failed",
  /** No merchant has this appId. */
  AppIdNotFound: "Common.Auth.AppId_Not_Found",
  /** The appId is not valid. */
  InvalidAppId: "Common.Auth.Invalid_AppId",
  /** The body is not well-formed JSON. */
  HttpRequestError: "Common.Http_Request_Error",
  /** A field is wrong; `errorMessage` names it. */
  RequestParameterError: "Common.Request_Parameter_Error",
  /** notifyUrl or returnUrl is not allowed. */
  IllegalUrl: "Common.Illegal_Url",
  /** No operation at this path. */
  NotFound: "Common.Not_Found",
  /** Operations accept POST only. */
  MethodNotAllowed: "Common.Method_Not_Allowed",
  /** The body is larger than the gateway accepts. */
  PayloadTooLarge: "Common.Payload_Too_Large",
  /** The request has no User-Agent header. */
  UserAgentRequired: "Common.User_Agent_Required",
  /** The gateway failed; the request may be retried. */
  InternalError: "Common.Internal_Error",
  /** The merchantTradeNo was used before with different content. */
  PaymentDuplicateTradeNo: "Payment.Common.Duplicate_Trade_No",
  /** No payment has this paymentNo or merchantTradeNo. */
  PaymentNotFound: "Payment.Common.Not_Found",
  /** The payment was rejected. */
  PaymentRejected: "Payment.Common.Rejected",
  /** The merchantRefundNo was used before with different content. */
  RefundDuplicateRefundNo: "Refund.Common.Duplicate_Refund_No",
  /** The refund would take the refunded total above the paid amount. */
  RefundAmountExceeded: "Refund.Common.Amount_Exceeded",
  /** Only a paid payment can be refunded. */
  RefundPaymentNotPaid: "Refund.Common.Payment_Not_Paid",
  /** The merchantTradeNo was used before with different content. */
  PayoutDuplicateTradeNo: "Payout.Common.Duplicate_Trade_No",
  /** No payout has this payoutNo or merchantTradeNo. */
  PayoutNotFound: "Payout.Common.Not_Found",
  /** The available balance does not cover the payout and its fee. */
  PayoutInsufficientBalance: "Payout.Common.Insufficient_Balance",
  /** The payout was rejected. */
  PayoutRejected: "Payout.Common.Rejected",
} as const satisfies Record<string, KnownResponseCode>;

const known: ReadonlySet<string> = new Set(Object.values(ResponseCodes));

/** True when `code` is one the contract names (the gateway may add business codes over time). */
export function isKnownResponseCode(code: unknown): code is KnownResponseCode {
  return typeof code === "string" && known.has(code);
}

/** True for the `Common.Auth.*` codes, which come with HTTP 401. */
export function isAuthCode(code: string): boolean {
  return code.startsWith("Common.Auth.");
}
