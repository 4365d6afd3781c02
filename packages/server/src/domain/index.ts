// The gateway's business rules, for the HTTP layer, the checkout page and the control API. Every
// function takes the transaction it works in (`Tx`, from `store.transaction`) and a
// `DomainContext` (the time to act at and the settings); amounts are bigint minor units inside,
// amount strings at the edges. Business refusals are thrown as `GatewayError` with the gateway's
// code, before anything is written.
//
// The control API's calls (merchant changes, balance setting, the notification log, lookups and
// chosen outcomes) take the `Store` instead and run their own transaction, so the control API
// stays a thin HTTP layer that never sees one.
//
// The checkout page needs `loadCheckoutPayment` (show the page) and `settlePayment` (Pay: PAID,
// Cancel: CLOSED, with actor "payer" and the page's token), then redirects to `redirect.url`.

export {
  type CheckoutPayment,
  loadCheckoutPayment,
  type PaymentRedirect,
  returnRedirect,
  settlePayment,
  type SettlePaymentInput,
  type SettlePaymentResult,
} from "./checkout.js";
export type { DomainContext, DomainSettings } from "./context.js";
export { GatewayError, isGatewayError, parameterError, StateConflict } from "./errors.js";
export { catchUpMerchant, catchUpPayment, sweep, type SweepResult } from "./expiry.js";
export { newId, newRrn, newToken } from "./ids.js";
export { canonicalJson, requestHash } from "./idempotency.js";
export {
  type BalanceSetting,
  balanceView,
  listBalances,
  queryBalances,
  restoreStartingBalances,
  setBalances,
} from "./balances.js";
export {
  type ChosenPaymentOutcome,
  type ChosenPayoutOutcome,
  choosePaymentOutcome,
  choosePayoutOutcome,
  chooseRefundOutcome,
} from "./chosen-outcomes.js";
export { createOrRepeat, type CreateOrRepeatSteps, type Idempotent } from "./create-or-repeat.js";
export { currentPayment, currentPayout, currentRefund, type RefundOfPayment } from "./lookups.js";
export {
  addMerchant,
  changeMerchant,
  findMerchant,
  listMerchants,
  type MerchantChange,
  type NewMerchant,
} from "./merchant-changes.js";
export {
  MerchantDirectory,
  type MerchantSeed,
  type MerchantSeeds,
  resetGateway,
  resetState,
  type SandboxSeed,
  seedMerchants,
} from "./merchants.js";
export { formatAmount, PAYOUT_FEE_BASIS_POINTS, payoutFee, positiveAmount } from "./money.js";
export {
  findNotification,
  listNotifications,
  type LoggedNotification,
  type NotificationFilter,
  resendNotification,
} from "./notification-log.js";
export { notificationBody, notifyPayment, notifyPayout, notifyRefund } from "./notifications.js";
export {
  finishPayment,
  type FinishInput,
  outcomeFor,
  type PaymentActor,
  type PaymentOutcome,
} from "./payment-outcomes.js";
export { createPayment, queryPayment } from "./payments.js";
export {
  catchUpPayout,
  completeDuePayouts,
  completePayout,
  createPayout,
  type PayoutOutcomeInput,
  queryPayout,
} from "./payouts.js";
export { catchUpRefund, completeDueRefunds, completeRefund } from "./refund-outcomes.js";
export { createRefund } from "./refunds.js";
export { MAGIC_AMOUNTS, type PaymentScenario, type PayoutScenario, type RefundScenario } from "./scenarios.js";
export { checkMerchantUrl, hostAllowed } from "./urls.js";
export {
  checkoutUrl,
  gatewayTime,
  paymentCreateData,
  paymentQueryData,
  payoutCreateData,
  payoutQueryData,
  refundData,
  refundStatusOf,
} from "./views.js";
