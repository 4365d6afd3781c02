// Readable names for the generated types. Each is a plain alias of a schema in the contract, so
// the contract stays the single source and these can never disagree with it.
import type { components, operations, paths, webhooks } from "./generated/schema.js";

type Schemas = components["schemas"];

/** A gateway amount string (`"100.05"`). */
export type Amount = Schemas["Amount"];
/** An ISO 4217 currency code (`"INR"`). */
export type Currency = Schemas["Currency"];
/** A gateway time string (`"2026-11-27T10:50:44.123+08:00"`). */
export type GatewayTime = Schemas["GatewayTime"];
/** Any `code` of the envelope; the gateway may add business codes, so this is a string. */
export type ResponseCode = Schemas["ResponseCode"];
/** The codes the contract names. */
export type KnownResponseCode = Schemas["KnownResponseCode"];
/** The `{code, errorMessage, data}` body of every response. */
export type Envelope = Schemas["Envelope"];
/** The body of a refused request: `data` is null. */
export type ErrorEnvelope = Schemas["ErrorEnvelope"];

/** `PENDING` → `PAID` | `FAILED` | `CLOSED`. */
export type PaymentStatus = Schemas["PaymentStatus"];
/** How much of a payment was refunded: `NONE`, `PARTIAL`, `FULL`. */
export type PaymentRefundStatus = Schemas["PaymentRefundStatus"];
/** `PENDING` → `REFUNDED` | `FAILED`. */
export type RefundStatus = Schemas["RefundStatus"];
/** `PENDING` → `PAID` | `FAILED`. */
export type PayoutStatus = Schemas["PayoutStatus"];

/** The payer of a payment. */
export type Payer = Schemas["Payer"];
/** The payer's device and network, when known. */
export type TradeEnv = Schemas["TradeEnv"];
/** How the payer pays, told apart by `type`. */
export type PayMethod = Schemas["PayMethod"];
/** The `type` values of {@link PayMethod}. */
export type PayMethodType = PayMethod["type"];
/** Where the payer is sent to complete a payment. */
export type PaymentAction = Schemas["PaymentAction"];
/** The parameters of the browser's redirect to `returnUrl`. Not proof of payment. */
export type PaymentReturnParams = Schemas["PaymentReturnParams"];
/** How a payout reaches the payee, told apart by `type`. */
export type PayoutMethod = Schemas["PayoutMethod"];
/** The `type` values of {@link PayoutMethod}. */
export type PayoutMethodType = PayoutMethod["type"];
/** One currency's balance. */
export type Balance = Schemas["Balance"];

/** The body of payment/create. */
export type PaymentCreateRequest = Schemas["PaymentCreateRequest"];
/** `data` of a successful payment/create. */
export type PaymentCreateData = Schemas["PaymentCreateData"];
/** The body of payment/query: exactly one of `merchantTradeNo` and `paymentNo`. */
export type PaymentQueryRequest = Schemas["PaymentQueryRequest"];
/** `data` of a successful payment/query. */
export type PaymentQueryData = Schemas["PaymentQueryData"];
/** The body of refund/create. */
export type RefundCreateRequest = Schemas["RefundCreateRequest"];
/** `data` of a successful refund/create. */
export type RefundCreateData = Schemas["RefundCreateData"];
/** The body of payout/create. */
export type PayoutCreateRequest = Schemas["PayoutCreateRequest"];
/** `data` of a successful payout/create. */
export type PayoutCreateData = Schemas["PayoutCreateData"];
/** The body of payout/query: exactly one of `merchantTradeNo` and `payoutNo`. */
export type PayoutQueryRequest = Schemas["PayoutQueryRequest"];
/** `data` of a successful payout/query. */
export type PayoutQueryData = Schemas["PayoutQueryData"];
/** The body of balance/query. */
export type BalanceQueryRequest = Schemas["BalanceQueryRequest"];
/** `data` of a successful balance/query. */
export type BalanceQueryData = Schemas["BalanceQueryData"];

/** The whole response body of payment/create. */
export type PaymentCreateResponse = Schemas["PaymentCreateResponse"];
/** The whole response body of payment/query. */
export type PaymentQueryResponse = Schemas["PaymentQueryResponse"];
/** The whole response body of refund/create. */
export type RefundCreateResponse = Schemas["RefundCreateResponse"];
/** The whole response body of payout/create. */
export type PayoutCreateResponse = Schemas["PayoutCreateResponse"];
/** The whole response body of payout/query. */
export type PayoutQueryResponse = Schemas["PayoutQueryResponse"];
/** The whole response body of balance/query. */
export type BalanceQueryResponse = Schemas["BalanceQueryResponse"];

/** The body of a payment notification. */
export type PaymentNotification = Schemas["PaymentNotification"];
/** The body of a refund notification. */
export type RefundNotification = Schemas["RefundNotification"];
/** The body of a payout notification. */
export type PayoutNotification = Schemas["PayoutNotification"];
/** `data` of a payment notification (the payment/query fields). */
export type PaymentNotificationData = PaymentNotification["data"];
/** `data` of a refund notification (the refund fields and `status`). */
export type RefundNotificationData = Schemas["RefundNotificationData"];
/** `data` of a payout notification (the payout/query fields). */
export type PayoutNotificationData = PayoutNotification["data"];
/** The merchant's acknowledgement of a notification: exactly `{"code":"OK"}`. */
export type NotificationAck = Schemas["NotificationAck"];
/** What a notification reports on, read off the webhooks' names (`"paymentNotification"` → `"payment"`). */
export type NotificationKind = {
  [Name in keyof webhooks]: Name extends `${infer Kind}Notification` ? Kind : never;
}[keyof webhooks];

/** The path of every operation, such as `"/v2/payment/create"`. */
export type OperationPath = keyof paths;
/** The operationId of every operation, such as `"createPayment"`. */
export type OperationId = keyof operations;
/** The name of every notification, such as `"paymentNotification"`. */
export type WebhookName = keyof webhooks;
