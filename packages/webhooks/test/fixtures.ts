// Shared test data: one merchant, the contract's example notification of each kind, and a
// synchronous way to sign them exactly as the gateway does.

import { formatAuthorization } from "@gatekit/signature";
import { signSync } from "@gatekit/signature/node";
import type { NotificationData, NotificationKind, VerifyNotificationOptions } from "../src/index.js";

export const appId = "483f6c9c743b4a9bbd34bee0c9c81eb7";
export const appSecret = "19200e1478524aceb629acbc570d15d3";
export const notifyUrl = "https://merchant.example.com/gateway/notify?shop=42";
/** 2026-11-27T00:00:00Z: the clock every test pins unless it needs the real one. */
export const now = 1_764_201_600_000;
export const nonce = "5f2b9c1d7e3a4b6c8d0e1f2a3b4c5d6e";

/** The contract's examples (spec/openapi.yaml, webhooks). */
export const examples: { readonly [K in NotificationKind]: NotificationData<K> } = {
  payment: {
    paymentNo: "PAY20261127105044000001",
    merchantTradeNo: "ORD-20261127-0001",
    amount: "100.05",
    currency: "INR",
    status: "PAID",
    refundStatus: "NONE",
    rrn: "633112345678",
    merchantAttach: '{"cartId":"c-77"}',
    createdTime: "2026-11-27T10:50:44.123+08:00",
    paidTime: "2026-11-27T10:52:03+08:00",
  },
  refund: {
    refundNo: "RF20261127110512000001",
    paymentNo: "PAY20261127105044000001",
    merchantRefundNo: "RFD-20261127-0001",
    amount: "30.00",
    currency: "INR",
    status: "REFUNDED",
    createdTime: "2026-11-27T11:05:12.480+08:00",
  },
  payout: {
    payoutNo: "PO20261127120000000001",
    merchantTradeNo: "WD-20261127-0001",
    amount: "250.00",
    currency: "INR",
    totalFee: "2.50",
    status: "PAID",
    rrn: "633198765432",
    merchantAttach: "seller-118",
    createdTime: "2026-11-27T12:00:00.015+08:00",
    paidTime: "2026-11-27T12:00:41+08:00",
  },
};

/** The body the gateway sends for `data`: the envelope as compact JSON. */
export function envelope(data: unknown): string {
  return JSON.stringify({ code: "OK", errorMessage: null, data });
}

export interface Signed {
  readonly body: string | Uint8Array;
  readonly authorization: string;
  readonly timestamp: string;
  readonly nonce: string;
  readonly sign: string;
}

/** Signs `body` as the gateway would; every part can be overridden. */
export function signed(
  body: string | Uint8Array,
  overrides: { url?: string; secret?: string; appId?: string; timestamp?: number | string; nonce?: string } = {},
): Signed {
  const timestamp = String(overrides.timestamp ?? now);
  const parts = { appId: overrides.appId ?? appId, timestamp, nonce: overrides.nonce ?? nonce };
  const sign = signSync({ ...parts, appSecret: overrides.secret ?? appSecret, url: overrides.url ?? notifyUrl, body });
  return { body, authorization: formatAuthorization({ ...parts, sign }), timestamp, nonce: parts.nonce, sign };
}

/**
 * The options for verifyNotification of a signed notification, with the clock pinned. `extra`
 * overrides anything, with values of any type, to test what a caller might pass by mistake.
 */
export function options(s: Signed, extra: Record<string, unknown> = {}): VerifyNotificationOptions {
  return {
    body: s.body,
    authorization: s.authorization,
    notifyUrl,
    appId,
    appSecret,
    now,
    ...extra,
  } as VerifyNotificationOptions;
}
