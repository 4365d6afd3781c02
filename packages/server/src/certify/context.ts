// What every case works with: orders prepared at the gateway, deliveries signed and sent by the
// gateway's own delivery code (notify/send.ts) through certify's transport, and the order's state
// read from the merchant's status source.

import type { PaymentQueryData } from "@gatekit/types";
import { type SendResult, sendNotification } from "../notify/send.js";
import { USER_AGENT } from "../notify/version.js";
import type { OrderNeed } from "./cases.js";
import type { CertifyGateway, MerchantCredentials } from "./gateway.js";
import { type OrderState, type Source, newOrder, readState } from "./sources.js";
import { CertifyProblem, type OutgoingRequest, createTransport } from "./transport.js";

/** An order prepared for one case. */
export interface CaseOrder {
  readonly merchantTradeNo: string;
  readonly paymentNo: string;
  /** The notifyUrl the payment was created with: what the gateway signs over. */
  readonly notifyUrl: string;
  readonly returnUrl: string;
  /** Whether the merchant created it (an order source), so that its state means something. */
  readonly known: boolean;
  /** The payment's data while it was PENDING. */
  readonly pending: PaymentQueryData;
  /** For a paid order: the gateway's own notification body, byte for byte. */
  readonly genuineBody: string | undefined;
}

/** One notification to send: the gateway's signing, with what a case changes about it. */
export interface Delivery {
  readonly body: string;
  readonly appId?: string | undefined;
  readonly appSecret?: string | undefined;
  /** The URL the sign is computed over; the request still goes to the notify URL. */
  readonly signedUrl?: string | undefined;
  /** Added to the clock for the timestamp (negative: in the past). */
  readonly clockOffsetMs?: number | undefined;
  /** Changes the signed request before it is sent. */
  readonly rewrite?: ((request: OutgoingRequest) => OutgoingRequest) | undefined;
  /** Stops waiting once the request is written. */
  readonly abandon?: boolean | undefined;
  readonly timeoutMs?: number | undefined;
}

/** What a delivery did: the gateway's verdict on the answer, and the request as sent. */
export interface Delivered {
  readonly result: SendResult;
  readonly sent: OutgoingRequest | undefined;
}

/** An order's state, or why it cannot be read. */
export type StateReading =
  | { readonly ok: true; readonly state: OrderState }
  | { readonly ok: false; readonly reason: string };

/** Settings the cases read. */
export interface ContextSettings {
  readonly notifyUrl: string;
  readonly returnUrl: string | undefined;
  readonly merchant: MerchantCredentials;
  readonly orderSource: Source | undefined;
  readonly statusSource: Source | undefined;
  readonly timeoutMs: number;
}

/** The fixture of a run. */
export class CaseContext {
  readonly settings: ContextSettings;
  readonly #gateway: CertifyGateway;
  readonly #runId: string;
  #counter = 0;

  constructor(settings: ContextSettings, gateway: CertifyGateway, runId: string) {
    this.settings = settings;
    this.#gateway = gateway;
    this.#runId = runId;
  }

  /** A fresh order, PENDING or paid at the gateway. */
  async order(need: OrderNeed): Promise<CaseOrder> {
    const { orderSource, notifyUrl, returnUrl, merchant, timeoutMs } = this.settings;
    let paymentNo: string;
    let merchantTradeNo: string | undefined;
    if (orderSource) {
      ({ paymentNo, merchantTradeNo } = await newOrder(orderSource, timeoutMs));
    } else {
      this.#counter += 1;
      paymentNo = await this.#gateway.createPayment(`CERT-${this.#runId}-${this.#counter}`, {
        notifyUrl,
        returnUrl: returnUrl ?? new URL("/", notifyUrl).href,
      });
    }
    const payment = await this.#gateway.payment(paymentNo);
    if (payment.appId !== merchant.appId) {
      throw new CertifyProblem(
        `the order source gave payment ${paymentNo}, which belongs to merchant ${payment.appId}, ` +
          `not ${merchant.appId}: certify with the shop's own credentials`,
      );
    }
    if (merchantTradeNo !== undefined && payment.merchantTradeNo !== merchantTradeNo) {
      throw new CertifyProblem(
        `the order source gave order ${merchantTradeNo} with payment ${paymentNo}, ` +
          `but that payment is order ${payment.merchantTradeNo} at the gateway`,
      );
    }
    if (payment.data.status !== "PENDING")
      throw new CertifyProblem(
        `the order source gave payment ${paymentNo}, which is ${payment.data.status} already; ` +
          "it must give a fresh PENDING order",
      );
    let genuineBody: string | undefined;
    if (need === "paid") {
      await this.#gateway.pay(paymentNo);
      genuineBody = await this.#gateway.notificationBody(paymentNo);
    }
    return {
      merchantTradeNo: payment.merchantTradeNo,
      paymentNo,
      notifyUrl: payment.notifyUrl,
      returnUrl: payment.returnUrl,
      known: orderSource !== undefined,
      pending: payment.data,
      genuineBody,
    };
  }

  /** Signs `delivery` as the gateway signs each attempt and sends it to the notify URL. */
  async deliver(order: CaseOrder, delivery: Delivery): Promise<Delivered> {
    const { merchant, notifyUrl, timeoutMs } = this.settings;
    let sent: OutgoingRequest | undefined;
    const fetch = createTransport({
      rewrite: (request) => {
        const aimed = { ...request, url: notifyUrl };
        sent = delivery.rewrite ? delivery.rewrite(aimed) : aimed;
        return sent;
      },
      abandonAfterSend: delivery.abandon,
    });
    const offset = delivery.clockOffsetMs ?? 0;
    const result = await sendNotification({
      notification: {
        id: "certify",
        appId: delivery.appId ?? merchant.appId,
        notifyUrl: delivery.signedUrl ?? order.notifyUrl,
        body: delivery.body,
      },
      appSecret: delivery.appSecret ?? merchant.appSecret,
      userAgent: USER_AGENT,
      timeoutMs: delivery.timeoutMs ?? timeoutMs,
      fetch,
      now: () => Date.now() + offset,
    });
    return { result, sent };
  }

  /** Sends a request exactly as given (a replay), judged as a delivery. */
  resend(order: CaseOrder, request: OutgoingRequest): Promise<Delivered> {
    return this.deliver(order, { body: "", rewrite: () => request });
  }

  /** The order's state from the status source, or why there is none to read. */
  async state(order: CaseOrder): Promise<StateReading> {
    const { statusSource, timeoutMs } = this.settings;
    if (!statusSource) return { ok: false, reason: "no status source (--status-url or --status-command)" };
    if (!order.known)
      return {
        ok: false,
        reason: "certify created the order itself, so the shop does not know it (pass --order-url or --order-command)",
      };
    return { ok: true, state: await readState(statusSource, order, timeoutMs) };
  }
}
