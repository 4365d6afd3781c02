// Magic amounts: fixed behaviours that tests reach without the control API. Each applies to one
// exact amount in any currency. Documented for users in the package README and in the control
// API's description (spec/control.yaml); keep the three in step.

/** What a payment with a magic amount does. */
export type PaymentScenario =
  /** Created normally; paying on the checkout page fails it with `Payment.Common.Rejected`. */
  | "payment.declined_on_pay"
  /** payment/create answers `Payment.Common.Rejected`; nothing is created. */
  | "payment.rejected_at_create"
  /** PAID by itself after the scenario delay. */
  | "payment.pays_itself"
  /** FAILED by itself after the scenario delay. */
  | "payment.fails_itself"
  /** CLOSED by itself after the scenario delay. */
  | "payment.closes_itself";

/** What a payout with a magic amount does. */
export type PayoutScenario =
  /** Completes FAILED with `Payout.Common.Rejected` instead of PAID. */
  | "payout.fails"
  /** payout/create answers `Payout.Common.Rejected`; nothing is frozen or created. */
  | "payout.rejected_at_create";

/** What a refund with a magic amount does. */
export type RefundScenario =
  /** Completes FAILED instead of REFUNDED. */
  "refund.fails";

/** The magic amounts, in minor units. */
export const MAGIC_AMOUNTS: {
  readonly payment: ReadonlyMap<bigint, PaymentScenario>;
  readonly payout: ReadonlyMap<bigint, PayoutScenario>;
  readonly refund: ReadonlyMap<bigint, RefundScenario>;
} = {
  payment: new Map<bigint, PaymentScenario>([
    [404n, "payment.declined_on_pay"],
    [405n, "payment.rejected_at_create"],
    [501n, "payment.pays_itself"],
    [502n, "payment.fails_itself"],
    [503n, "payment.closes_itself"],
  ]),
  payout: new Map<bigint, PayoutScenario>([
    [606n, "payout.fails"],
    [607n, "payout.rejected_at_create"],
  ]),
  refund: new Map<bigint, RefundScenario>([[808n, "refund.fails"]]),
};

/** The scenario of a payment amount, or null. */
export function paymentScenario(amount: bigint): PaymentScenario | null {
  return MAGIC_AMOUNTS.payment.get(amount) ?? null;
}

/** The scenario of a payout amount, or null. */
export function payoutScenario(amount: bigint): PayoutScenario | null {
  return MAGIC_AMOUNTS.payout.get(amount) ?? null;
}

/** The scenario of a refund amount, or null. */
export function refundScenario(amount: bigint): RefundScenario | null {
  return MAGIC_AMOUNTS.refund.get(amount) ?? null;
}

/** The outcome a self-settling payment scenario reaches, or null for the others. */
export function automaticPaymentOutcome(scenario: string | null): "PAID" | "FAILED" | "CLOSED" | null {
  switch (scenario) {
    case "payment.pays_itself":
      return "PAID";
    case "payment.fails_itself":
      return "FAILED";
    case "payment.closes_itself":
      return "CLOSED";
    default:
      return null;
  }
}
