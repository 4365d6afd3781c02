// Payments, refunds and payouts by their gateway id: which kind an id is (from its prefix, see
// domain/ids.ts), the outcomes each kind accepts, and the notifications the gateway made for one.

import type { Client } from "openapi-fetch";
import type { paths } from "../generated/control.js";
import { CliError, type Io } from "./command.js";
import { type Schemas, type Target, call } from "./control-client.js";

/** The kinds of object the control API can decide an outcome for. */
export type ObjectKind = "payment" | "refund" | "payout";

/** The statuses an outcome call accepts, per kind (spec/control.yaml). */
export const OUTCOMES: Readonly<Record<ObjectKind, readonly string[]>> = {
  payment: ["PAID", "FAILED", "CLOSED"],
  refund: ["REFUNDED", "FAILED"],
  payout: ["PAID", "FAILED"],
};

// Longest prefix first: the gateway's ids are PAY…, RF…, PO… followed by digits.
const PREFIXES: ReadonlyArray<readonly [string, ObjectKind]> = [
  ["PAY", "payment"],
  ["RF", "refund"],
  ["PO", "payout"],
];

/** The kind of a gateway id such as `PAY2026…`, or undefined when its prefix is none of them. */
export function kindOfId(id: string): ObjectKind | undefined {
  return PREFIXES.find(([prefix]) => id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)))?.[1];
}

/** The notifications of one object, oldest first. */
export async function notificationsOf(
  client: Client<paths>,
  target: Target,
  objectNo: string,
): Promise<Schemas["Notification"][]> {
  const list = await call(target, "the notification list", () =>
    client.GET("/__gateway/notifications", { params: { query: { objectNo } } }),
  );
  return [...list.notifications].reverse();
}

/** Prints one line per notification: where it went and how its attempts fared so far. */
export function printNotifications(io: Io, notifications: readonly Schemas["Notification"][], indent = "  "): void {
  if (notifications.length === 0) {
    io.out(`${indent}notified        nothing yet\n`);
    return;
  }
  for (const notification of notifications) {
    const status = (JSON.parse(notification.body) as { data?: { status?: unknown } }).data ?? {};
    const last = notification.attemptLog.at(-1);
    const attempt = last
      ? `, last attempt ${last.outcome}${last.httpStatus === null ? "" : ` (HTTP ${last.httpStatus})`}`
      : "";
    io.out(
      `${indent}notified        ${notification.id} ${notification.kind} ${String(status.status ?? "")} ` +
        `-> ${notification.notifyUrl}: ${notification.status}${attempt}\n`,
    );
  }
}

/** The status of the object an id names, with its kind: a failed lookup is a CliError. */
export async function lookUp(
  client: Client<paths>,
  target: Target,
  id: string,
): Promise<{ kind: ObjectKind; status: string }> {
  const kind = kindOfId(id);
  if (kind === undefined) {
    throw new CliError(
      `"${id}" is not a paymentNo (PAY…), refundNo (RF…) or payoutNo (PO…): pass the gateway's id of the object`,
    );
  }
  if (kind === "payment") {
    const found = await call(target, `payment ${id}`, () =>
      client.GET("/__gateway/payments/{paymentNo}", { params: { path: { paymentNo: id } } }),
    );
    return { kind, status: String(found.payment["status"]) };
  }
  if (kind === "refund") {
    const found = await call(target, `refund ${id}`, () =>
      client.GET("/__gateway/refunds/{refundNo}", { params: { path: { refundNo: id } } }),
    );
    return { kind, status: String(found.refund["status"]) };
  }
  const found = await call(target, `payout ${id}`, () =>
    client.GET("/__gateway/payouts/{payoutNo}", { params: { path: { payoutNo: id } } }),
  );
  return { kind, status: String(found.payout["status"]) };
}
