// The one list of certify's cases: what each proves and how it decides. The runner runs exactly
// these (runner.ts maps every id to its check, and the type system refuses a missing one), and
// the docs' guide page is generated from them (apps/docs/scripts/certify-guide.mjs), so the two
// cannot drift.

/** What an order for a case must be at the gateway before the case starts. */
export type OrderNeed =
  /** Paid at the gateway (the control API settles it), so its notification is genuine and payments.query says PAID. */
  | "paid"
  /** Still PENDING at the gateway, so a notification saying PAID is a lie the merchant must not act on. */
  | "pending";

/** How much a case needs the status source: to decide at all, or only to confirm. */
export type StateUse = "required" | "confirms" | "none";

/** One case of the conformance run. */
export interface CertifyCase {
  readonly id: string;
  /** The section of the report and of the guide. */
  readonly group:
    | "Genuine"
    | "Duplicates"
    | "Out of order"
    | "Forgeries"
    | "Replay"
    | "Clock"
    | "Body"
    | "Latency"
    | "Return page";
  readonly title: string;
  /** The property of the integration it proves, in a sentence. */
  readonly proves: string;
  /** What certify sends and how it judges the answer and the order's state. */
  readonly decides: string;
  readonly order: OrderNeed;
  readonly state: StateUse;
}

/** Every case, in report order. */
export const CASES = [
  {
    id: "genuine-paid",
    group: "Genuine",
    title: "A genuine notification for a paid payment is acknowledged",
    proves:
      "The endpoint verifies the gateway's real signature over the raw body and the notifyUrl it was given, " +
      "and acts on it.",
    decides:
      "Sends the gateway's own stored notification for a payment paid at the gateway, " +
      'signed as the gateway signs every attempt. Passes on HTTP 200 with exactly {"code":"OK"} and, ' +
      "with a status source, the order ending PAID.",
    order: "paid",
    state: "confirms",
  },
  {
    id: "duplicate-sequential",
    group: "Duplicates",
    title: "The same notification delivered twice is processed once",
    proves: "A repeated delivery (a lost acknowledgement, a resend) is acknowledged again without acting twice.",
    decides:
      "Sends the genuine notification twice, one after the other, each signed afresh with a new nonce as the " +
      "gateway does. Passes when both are acknowledged and the status source says PAID with processed = 1.",
    order: "paid",
    state: "required",
  },
  {
    id: "duplicate-concurrent",
    group: "Duplicates",
    title: "The same notification delivered twice at once is processed once",
    proves:
      "Two deliveries racing each other (two gateway instances, a retry overlapping a slow attempt) " +
      "do not both act: the de-duplication is atomic, not check-then-act.",
    decides:
      "Sends two freshly signed copies of the genuine notification at the same moment. " +
      "Passes when both are acknowledged and the status source says PAID with processed = 1.",
    order: "paid",
    state: "required",
  },
  {
    id: "retry-fresh-nonce",
    group: "Duplicates",
    title: "A retry with a fresh nonce after an unanswered attempt is processed once",
    proves:
      "De-duplication is by the notification's object and status, not by nonce: " +
      "the gateway signs every retry with a new nonce and timestamp.",
    decides:
      "Sends the genuine notification and stops waiting as soon as it is written (as a gateway whose timeout " +
      "fired), then sends the retry, signed afresh. Passes when the retry is acknowledged and the status " +
      "source says PAID with processed = 1.",
    order: "paid",
    state: "required",
  },
  {
    id: "out-of-order-failed-after-paid",
    group: "Out of order",
    title: "FAILED after PAID leaves the order paid",
    proves: "A final status is final: a late or reordered notification cannot undo it.",
    decides:
      "Sends the genuine PAID notification, then a validly signed FAILED one for the same payment. " +
      "Passes when the status source still says PAID; the answer to the FAILED one is not judged.",
    order: "paid",
    state: "required",
  },
  {
    id: "out-of-order-pending-after-paid",
    group: "Out of order",
    title: "A stale PENDING after PAID leaves the order paid",
    proves: "An older snapshot of the payment arriving late does not move the order back.",
    decides:
      "Sends the genuine PAID notification, then a validly signed one carrying the payment as it was while " +
      "PENDING. Passes when the status source still says PAID.",
    order: "paid",
    state: "required",
  },
  {
    id: "forged-wrong-secret",
    group: "Forgeries",
    title: "A notification signed with the wrong secret is refused",
    proves: "The signature is checked against the merchant's own secret.",
    decides:
      "Sends a notification saying PAID for a payment still PENDING at the gateway, " +
      "signed with a random secret. Passes when it is not acknowledged and, with a status source, " +
      "the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "forged-tampered-byte",
    group: "Forgeries",
    title: "A genuinely signed notification with one byte of its body changed is refused",
    proves: "The signature covers the whole body; a changed amount is caught.",
    decides:
      "Signs the notification correctly, then changes one digit of its amount. " +
      "Passes when it is not acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "forged-reserialized-body",
    group: "Forgeries",
    title: "A genuine signature over a re-serialized body is refused",
    proves:
      "The signature is verified over the raw bytes received, not over the parsed JSON serialized again " +
      "(which would accept a body the gateway never sent).",
    decides:
      "Signs the notification correctly, then sends the same JSON pretty-printed. " +
      "Passes when it is not acknowledged and the order is still PENDING; " +
      "a handler that verifies JSON.stringify(JSON.parse(body)) accepts it.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "forged-other-url",
    group: "Forgeries",
    title: "A notification signed for another notifyUrl is refused",
    proves:
      "The signature is checked over the notifyUrl the merchant configured (not the Host header or the URL a " +
      "proxy rewrote), so a notification meant for another endpoint cannot be replayed here.",
    decides:
      "Signs the notification with the merchant's secret for /another/notify on the same origin and sends it " +
      "to the notify URL. Passes when it is not acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "forged-other-app-id",
    group: "Forgeries",
    title: "A notification for another appId is refused",
    proves:
      "The appId in the Authorization header must be the merchant's own; " +
      "the signed content is built from the configured appId, not the header's.",
    decides:
      "Signs the notification with the merchant's secret but another appId, " +
      "and names that appId in the header. Passes when it is not acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "forged-missing-authorization",
    group: "Forgeries",
    title: "A notification without an Authorization header is refused",
    proves: "An unsigned request is never processed.",
    decides:
      "Sends the notification without the Authorization header. " +
      "Passes when it is not acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "forged-malformed-authorization",
    group: "Forgeries",
    title: "Malformed Authorization headers are refused, even around a valid sign",
    proves:
      "The header is parsed strictly, as the gateway does: a lenient parser that picks the sign out of any " +
      "string accepts headers the gateway never sends.",
    decides:
      "Sends four variants, each carrying a valid sign for the body: " +
      "lowercase scheme, two spaces after the scheme, a repeated parameter, and an unknown extra parameter. " +
      "Passes when none is acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "forged-length-extension",
    group: "Forgeries",
    title: "A SHA-256 length extension of a genuine notification is refused",
    proves:
      "A V2_SHA256 sign is SHA-256 of the content with the secret inside it, not an HMAC, " +
      "so anyone can extend a genuine notification with SHA-256's padding and more bytes and compute a valid " +
      "sign without the secret; the endpoint must still refuse the result.",
    decides:
      "Takes a genuine notification that was never delivered, appends the padding and a second JSON object " +
      "to its body, and computes the sign of the extended content from the genuine sign alone. " +
      "The sign verifies; the body is not a single JSON document (and not UTF-8). " +
      "Passes when it is not acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "replay-original-nonce",
    group: "Replay",
    title: "A genuine notification replayed with its original nonce is not processed twice",
    proves: "A captured request sent again, byte for byte, is refused (nonce check) or ignored (de-duplication).",
    decides:
      "Sends the genuine notification, then the very same request again. " +
      "Passes when the replay is refused, or acknowledged with the status source saying processed = 1.",
    order: "paid",
    state: "confirms",
  },
  {
    id: "clock-past-outside",
    group: "Clock",
    title: "A timestamp just outside the window in the past is refused",
    proves: "Old captures are refused: the clock window is enforced, five minutes either way as the gateway's.",
    decides:
      "Signs the notification validly with a timestamp 5 min + 10 s in the past. " +
      "Passes when it is not acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "clock-past-inside",
    group: "Clock",
    title: "A timestamp just inside the window in the past is accepted",
    proves:
      "The window is not narrower than the gateway's: a delivery stamped almost five minutes ago is still genuine.",
    decides:
      "Sends the genuine notification stamped 5 min − 10 s in the past. " +
      "Passes when it is acknowledged and, with a status source, the order is PAID.",
    order: "paid",
    state: "confirms",
  },
  {
    id: "clock-future-outside",
    group: "Clock",
    title: "A timestamp just outside the window in the future is refused",
    proves: "Future timestamps are refused too, or a forger could stretch the replay window.",
    decides:
      "Signs the notification validly with a timestamp 5 min + 10 s in the future. " +
      "Passes when it is not acknowledged and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "clock-future-inside",
    group: "Clock",
    title: "A timestamp just inside the window in the future is accepted",
    proves: "A gateway clock slightly ahead of the merchant's is tolerated, as the window allows.",
    decides:
      "Sends the genuine notification stamped 5 min − 10 s in the future. " +
      "Passes when it is acknowledged and, with a status source, the order is PAID.",
    order: "paid",
    state: "confirms",
  },
  {
    id: "body-oversized",
    group: "Body",
    title: "A validly signed body over 1 MiB is refused without a 5xx",
    proves:
      "The endpoint caps what it reads (the gateway's own limit is 1 MiB) " +
      "and says so with a 4xx, instead of buffering without limit or crashing.",
    decides:
      "Sends a validly signed notification of 1 MiB + 1 KiB (a long merchantAttach). " +
      "Passes when it is not acknowledged, the answer is not a 5xx (a connection closed without an answer " +
      "also passes) and the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "body-invalid-json",
    group: "Body",
    title: "A validly signed body that is not JSON is refused without a 5xx",
    proves: "Parsing is part of verification: a body that is not the gateway's JSON is a client error, not a crash.",
    decides:
      "Sends a truncated JSON body with a valid sign. Passes when it is not acknowledged and the answer is not a 5xx.",
    order: "pending",
    state: "confirms",
  },
  {
    id: "latency-within-timeout",
    group: "Latency",
    title: "The acknowledgement arrives within the gateway's notification timeout",
    proves:
      "The handler answers before the gateway gives up (10 s by default): " +
      "slow work belongs after the acknowledgement, or every notification is retried.",
    decides:
      "Sends the genuine notification and measures the time to a complete answer, " +
      "waiting up to twice the timeout to report the latency. " +
      "Passes when it is acknowledged within --timeout.",
    order: "paid",
    state: "none",
  },
  {
    id: "return-page-query-status",
    group: "Return page",
    title: "The return page does not trust status=PAID in its query string",
    proves:
      "The redirect's parameters are not signed; the page must ask the gateway (payments.query) " +
      "or wait for the notification, never show an order as paid because the URL says so.",
    decides:
      "With --return-url: opens the return page for a PENDING payment twice with the gateway's parameters " +
      "and status=PENDING, and once with status=PAID. Passes when the PAID page is the same as the PENDING " +
      "one (random-looking tokens aside) and, with a status source, the order is still PENDING.",
    order: "pending",
    state: "confirms",
  },
] as const satisfies readonly CertifyCase[];

/** The id of a case. */
export type CaseId = (typeof CASES)[number]["id"];

/** Every case id, in report order. */
export const CASE_IDS: readonly CaseId[] = CASES.map((entry) => entry.id);
