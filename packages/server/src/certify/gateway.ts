// Certify's side of the reference gateway: it creates payments as the merchant would (signed
// with the merchant's credentials), settles them through the control API, and reads back what
// the gateway stored, so that every notification certify sends is one the gateway could have sent.

import { createNonce, createTimestamp, formatAuthorization, signSync } from "@gatekit/signature/node";
import type { PaymentQueryData } from "@gatekit/types";
import { CertifyProblem, exchange } from "./transport.js";

/** The merchant whose integration is certified. */
export interface MerchantCredentials {
  readonly appId: string;
  readonly appSecret: string;
}

/** A payment at the gateway, as certify needs it. */
export interface GatewayPayment {
  readonly paymentNo: string;
  readonly merchantTradeNo: string;
  readonly appId: string;
  readonly notifyUrl: string;
  readonly returnUrl: string;
  /** payment/query's data (and the notification's) as it is now. */
  readonly data: PaymentQueryData;
}

/** The reference gateway at `root` (its origin, plus a prefix when behind a proxy). */
export class CertifyGateway {
  readonly #root: string;
  readonly #merchant: MerchantCredentials;
  readonly #controlToken: string | undefined;
  readonly #timeoutMs: number;
  #apiBase: string | undefined;

  constructor(root: string, merchant: MerchantCredentials, controlToken: string | undefined, timeoutMs: number) {
    this.#root = root.replace(/\/+$/, "");
    this.#merchant = merchant;
    this.#controlToken = controlToken;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Checks the gateway is there, knows the merchant and accepts its secret; throws a CertifyProblem
   * saying what to fix.
   */
  async check(): Promise<void> {
    const health = await this.#control<{ basePath: string }>("GET", "/health");
    this.#apiBase = `${this.#root}${health.basePath}`;
    const answer = await this.#call("/v2/balance/query", { currencies: ["INR"] });
    if (answer.code !== "OK") {
      throw new CertifyProblem(
        `the gateway at ${this.#root} refuses merchant ${this.#merchant.appId} (${answer.code}: ` +
          `${answer.errorMessage ?? "no message"}): pass the credentials the gateway knows, ` +
          "with --merchant <appId>:<appSecret> or GATEKIT_APP_SECRET",
      );
    }
  }

  /** Creates a PENDING payment for `merchantTradeNo` (when certify has no order source), signed as the merchant. */
  async createPayment(
    merchantTradeNo: string,
    urls: { readonly notifyUrl: string; readonly returnUrl: string },
  ): Promise<string> {
    const answer = await this.#call<{ paymentNo: string }>("/v2/payment/create", {
      merchantTradeNo,
      amount: "100.00",
      currency: "INR",
      description: "gatekit-gateway certify",
      payer: { userId: "certify", name: "Certify Payer", email: "certify@example.com", phone: "+919800000000" },
      payMethod: { type: "UPI" },
      notifyUrl: urls.notifyUrl,
      returnUrl: urls.returnUrl,
    });
    if (answer.code !== "OK")
      throw new CertifyProblem(
        `the gateway refused payment/create for ${merchantTradeNo}: ${answer.code}: ` +
          `${answer.errorMessage ?? "no message"}`,
      );
    return answer.data.paymentNo;
  }

  /** The payment with what only the gateway sees (its notifyUrl and returnUrl). */
  async payment(paymentNo: string): Promise<GatewayPayment> {
    const details = await this.#control<{
      payment: PaymentQueryData;
      appId: string;
      notifyUrl: string;
      returnUrl: string;
    }>("GET", `/payments/${encodeURIComponent(paymentNo)}`).catch((error: unknown) => {
      if (error instanceof CertifyProblem && error.message.includes("answered HTTP 404")) {
        throw new CertifyProblem(
          `the gateway at ${this.#root} has no payment ${paymentNo}: does the shop talk to this gateway? ` +
            "Pass the one it uses with --url",
        );
      }
      throw error;
    });
    return {
      paymentNo,
      merchantTradeNo: details.payment.merchantTradeNo,
      appId: details.appId,
      notifyUrl: details.notifyUrl,
      returnUrl: details.returnUrl,
      data: details.payment,
    };
  }

  /** Moves a PENDING payment to PAID, as a payer paying does; the gateway enqueues its notification. */
  async pay(paymentNo: string): Promise<void> {
    await this.#control("POST", `/payments/${encodeURIComponent(paymentNo)}/outcome`, { status: "PAID" });
  }

  /** The body of the gateway's newest notification about `objectNo`, byte for byte as it delivers it. */
  async notificationBody(objectNo: string): Promise<string> {
    const { notifications } = await this.#control<{ notifications: Array<{ body: string }> }>(
      "GET",
      `/notifications?objectNo=${encodeURIComponent(objectNo)}&limit=1`,
    );
    const body = notifications[0]?.body;
    if (body === undefined)
      throw new CertifyProblem(`the gateway holds no notification for ${objectNo} after it was paid`);
    return body;
  }

  async #control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.#root}/__gateway${path}`;
    const headers: Record<string, string> = { accept: "application/json", "content-type": "application/json" };
    if (this.#controlToken !== undefined) headers["authorization"] = `Bearer ${this.#controlToken}`;
    const answer = await exchange(
      "the gateway's control API",
      { url, method, headers, body: body === undefined ? "" : JSON.stringify(body) },
      this.#timeoutMs,
    );
    const parsed = parseEnvelope<T>(answer.text);
    if (answer.status === 401 || answer.status === 403) {
      throw new CertifyProblem(
        `the gateway's control API at ${this.#root} refused certify (HTTP ${answer.status}): ` +
          "run the gateway on this machine, or pass its --control-token with --control-token or " +
          "GATEKIT_CONTROL_TOKEN",
      );
    }
    if (answer.status !== 200 || parsed === undefined || parsed.code !== "OK") {
      const said =
        parsed?.errorMessage ?? (parsed === undefined ? "an answer that is not the gateway's JSON" : parsed.code);
      throw new CertifyProblem(
        `${method} ${url} answered HTTP ${answer.status}: ${said}; ` +
          "is --url the reference gateway (gatekit-gateway start)?",
      );
    }
    return parsed.data;
  }

  async #call<T>(path: string, body: unknown): Promise<{ code: string; errorMessage: string | null; data: T }> {
    if (this.#apiBase === undefined) throw new Error("check() must run first");
    const url = `${this.#apiBase}${path}`;
    const text = JSON.stringify(body);
    const timestamp = createTimestamp();
    const nonce = createNonce();
    const sign = signSync({ ...this.#merchant, method: "POST", url, timestamp, nonce, body: text });
    const headers = {
      "content-type": "application/json",
      accept: "application/json",
      "user-agent": "gatekit-gateway-certify",
      authorization: formatAuthorization({ appId: this.#merchant.appId, sign, timestamp, nonce }),
    };
    const answer = await exchange("the gateway's API", { url, method: "POST", headers, body: text }, this.#timeoutMs);
    const parsed = parseEnvelope<T>(answer.text);
    if (parsed === undefined)
      throw new CertifyProblem(
        `POST ${url} answered HTTP ${answer.status} with something that is not the gateway's JSON; ` +
          "is --url the reference gateway?",
      );
    return parsed;
  }
}

function parseEnvelope<T>(text: string): { code: string; errorMessage: string | null; data: T } | undefined {
  try {
    const parsed = JSON.parse(text) as { code?: unknown };
    return typeof parsed === "object" && parsed !== null && typeof parsed.code === "string"
      ? (parsed as { code: string; errorMessage: string | null; data: T })
      : undefined;
  } catch {
    return undefined;
  }
}
