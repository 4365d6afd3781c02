// The scenarios of `trigger`: what each creates through the public API and how it drives it to
// its outcome through the control API. Refund and payout completion would otherwise race the
// gateway's own timer, so the failing scenarios use the magic amounts (spec/control.yaml) that
// fail whichever side gets there first, and the outcome calls accept an object already there.

import type { GatewayClient } from "@gatekit/client";
import type { PaymentCreateRequest, PayoutCreateRequest, RefundCreateRequest } from "@gatekit/types";
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/control.js";
import { type Schemas, type Target, call } from "./control-client.js";
import type { Credentials } from "./merchant.js";
import { decide } from "./outcome.js";
import { type Override, applyOverrides } from "./overrides.js";
import { publicFailure } from "./public-client.js";

/** What the command line gives a scenario. */
export interface ScenarioInput {
  readonly notifyUrl: string;
  readonly returnUrl: string;
  readonly amount: string | undefined;
  readonly currency: string;
  readonly overrides: readonly Override[];
  /** Makes this run's merchant ids unique. */
  readonly tag: string;
}

/** One object a scenario created, as it ended. */
export interface Created {
  readonly kind: "payment" | "refund" | "payout";
  readonly id: string;
  readonly status: string;
  readonly merchantNo: string;
}

interface Context {
  readonly client: GatewayClient;
  readonly control: Client<paths>;
  readonly target: Target;
  readonly credentials: Credentials;
  readonly input: ScenarioInput;
}

/** A scenario of `trigger`. */
export interface Scenario {
  readonly name: string;
  readonly summary: string;
  /** The schema of the create request --override applies to. */
  readonly request: "PaymentCreateRequest" | "RefundCreateRequest" | "PayoutCreateRequest";
  run(context: Context): Promise<Created[]>;
}

async function createPayment(context: Context, overrides: readonly Override[]): Promise<Created> {
  const { input } = context;
  const body = applyOverrides(
    {
      merchantTradeNo: `TRIGGER-${input.tag}-P`,
      amount: input.amount ?? "100.00",
      currency: input.currency,
      description: "gatekit-gateway trigger",
      payer: { userId: "trigger", name: "Asha Verma", email: "asha@example.com", phone: "+919812345678" },
      payMethod: { type: input.currency === "BRL" ? "PIX" : "UPI" },
      notifyUrl: input.notifyUrl,
      returnUrl: input.returnUrl,
    },
    overrides,
  ) as unknown as PaymentCreateRequest;
  try {
    const payment = await context.client.payments.create(body);
    return { kind: "payment", id: payment.paymentNo, status: payment.status, merchantNo: payment.merchantTradeNo };
  } catch (error) {
    throw publicFailure(context.target, "payment/create", context.credentials.appId, error);
  }
}

async function settle(context: Context, created: Created, status: string): Promise<Created> {
  await decide(context.control, context.target, { kind: created.kind, id: created.id, status });
  return { ...created, status };
}

function paymentScenario(status: "PAID" | "FAILED" | "CLOSED", summary: string): Scenario {
  return {
    name: `payment.${status.toLowerCase()}`,
    summary,
    request: "PaymentCreateRequest",
    run: async (context) => [await settle(context, await createPayment(context, context.input.overrides), status)],
  };
}

function refundScenario(status: "REFUNDED" | "FAILED", summary: string): Scenario {
  return {
    name: `refund.${status.toLowerCase()}`,
    summary,
    request: "RefundCreateRequest",
    async run(context) {
      const payment = await settle(context, await createPayment(context, []), "PAID");
      const paid = context.input.amount ?? "100.00";
      // 8.08 fails when the refund completes, by the gateway's timer or by the outcome call.
      const amount = status === "FAILED" && Number(paid) >= 8.08 ? "8.08" : paid;
      const body = applyOverrides(
        {
          merchantRefundNo: `TRIGGER-${context.input.tag}-R`,
          paymentNo: payment.id,
          amount,
          description: "gatekit-gateway trigger",
        },
        context.input.overrides,
      ) as unknown as RefundCreateRequest;
      let refund;
      try {
        refund = await context.client.refunds.create(body);
      } catch (error) {
        throw publicFailure(context.target, "refund/create", context.credentials.appId, error);
      }
      const created: Created = {
        kind: "refund",
        id: refund.refundNo,
        status: refund.status,
        merchantNo: refund.merchantRefundNo,
      };
      return [payment, await settle(context, created, status)];
    },
  };
}

function payoutScenario(status: "PAID" | "FAILED", summary: string): Scenario {
  return {
    name: `payout.${status.toLowerCase()}`,
    summary,
    request: "PayoutCreateRequest",
    async run(context) {
      const { input } = context;
      // 6.06 fails when the payout completes, by the gateway's timer or by the outcome call.
      const amount = input.amount ?? (status === "FAILED" ? "6.06" : "100.00");
      const body = applyOverrides(
        {
          merchantTradeNo: `TRIGGER-${input.tag}-O`,
          amount,
          currency: input.currency,
          description: "gatekit-gateway trigger",
          payoutMethod: { type: "UPI", vpa: "asha@upi", payeeName: "Asha Verma" },
          notifyUrl: input.notifyUrl,
        },
        input.overrides,
      ) as unknown as PayoutCreateRequest;
      let payout;
      try {
        payout = await context.client.payouts.create(body);
      } catch (error) {
        throw publicFailure(context.target, "payout/create", context.credentials.appId, error);
      }
      return [
        await settle(
          context,
          { kind: "payout", id: payout.payoutNo, status: payout.status, merchantNo: payout.merchantTradeNo },
          status,
        ),
      ];
    },
  };
}

/** Every scenario `trigger` knows. */
export const SCENARIOS: readonly Scenario[] = [
  paymentScenario("PAID", "a payment, paid (the merchant's balance is credited)"),
  paymentScenario("FAILED", "a payment the payer's bank declined"),
  paymentScenario("CLOSED", "a payment closed unpaid, as when it expires"),
  refundScenario("REFUNDED", "a paid payment, then a refund of it that succeeds"),
  refundScenario("FAILED", "a paid payment, then a refund that fails"),
  payoutScenario("PAID", "a payout that reaches the payee"),
  payoutScenario("FAILED", "a payout the payee's bank rejects (the funds are released)"),
];

/** The notifications again once each has had its first attempt (at most `timeoutMs` later). */
export async function waitForAttempts(
  control: Client<paths>,
  target: Target,
  notifications: Schemas["Notification"][],
  timeoutMs = 15_000,
): Promise<Schemas["Notification"][]> {
  const deadline = Date.now() + timeoutMs;
  const result = [...notifications];
  for (let index = 0; index < result.length; index++) {
    while (result[index]!.attempts === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const id = result[index]!.id;
      result[index] = await call(target, `notification ${id}`, () =>
        control.GET("/__gateway/notifications/{id}", { params: { path: { id } } }),
      );
    }
  }
  return result;
}
