// The synchronous return: after paying or cancelling, the payer's browser is sent with GET to the
// payment's returnUrl with a few parameters appended. Nothing signs them and the payer controls
// the browser, so anyone can type `?status=PAID`. They say which order to show, never whether to
// deliver: that is decided by a verified notification or by payment/query (see confirmReturn).

import type { PaymentQueryData, PaymentQueryRequest, PaymentReturnParams, PaymentStatus } from "@gatekit/types";

/** The statuses a payment can have; the type check keeps this list equal to the contract's. */
const STATUSES = { PENDING: true, PAID: true, FAILED: true, CLOSED: true } satisfies Record<PaymentStatus, true>;

// The contract's length limits of each parameter.
const LIMITS = { merchantTradeNo: 50, paymentNo: 32, merchantAttach: 255 } as const;

/** Which return parameter was wrong, and how. */
export type ReturnParamsProblem = "missing" | "repeated" | "too_long" | "invalid";

/**
 * A return redirect whose parameters are not the ones the gateway appends: one missing, repeated,
 * too long, or a status that is not a payment status. Answer the payer with a neutral page
 * ("we are checking your payment") rather than an error: a real payer can land here with a
 * mangled URL. `type` lets callers recognise it without `instanceof`.
 */
export class ReturnParamsError extends Error {
  readonly type: "ReturnParamsError" = "ReturnParamsError";
  override readonly name: "ReturnParamsError" = "ReturnParamsError";
  /** The parameter at fault. */
  readonly param: keyof PaymentReturnParams;
  readonly problem: ReturnParamsProblem;

  constructor(param: keyof PaymentReturnParams, problem: ReturnParamsProblem, message: string) {
    super(message);
    this.param = param;
    this.problem = problem;
  }
}

/** Where the return parameters can come from. A plain object is what Express's `req.query` is. */
export type ReturnInput =
  | string
  | URL
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Reads the return redirect's parameters: `merchantTradeNo`, `paymentNo`, `status` and, when it
 * was set, `merchantAttach`. Accepts the full URL, a path with a query (`/return?…`), a bare query
 * string, a `URL`, `URLSearchParams`, or an object such as Express's `req.query`. Other parameters
 * (your own, in the returnUrl) are ignored. Throws a {@link ReturnParamsError} when one of the
 * gateway's parameters is missing, repeated, too long, or `status` is not a payment status.
 *
 * **Not proof of payment.** The redirect is not signed: the payer can edit it. Use it to show the
 * right order, and decide with a verified notification or {@link confirmReturn}.
 */
export function parseReturn(input: ReturnInput): PaymentReturnParams {
  const params = searchParamsOf(input);
  const merchantTradeNo = required(params, "merchantTradeNo");
  const paymentNo = required(params, "paymentNo");
  const status = required(params, "status");
  if (!Object.hasOwn(STATUSES, status)) {
    throw new ReturnParamsError(
      "status",
      "invalid",
      `The return parameter status must be one of ${Object.keys(STATUSES).join(", ")}.`,
    );
  }
  const merchantAttach = optional(params, "merchantAttach");
  const result: PaymentReturnParams = { merchantTradeNo, paymentNo, status: status as PaymentStatus };
  if (merchantAttach !== undefined) result.merchantAttach = merchantAttach;
  return result;
}

/**
 * The query string the gateway appends to a returnUrl for these parameters (without the `?`), or,
 * given `returnUrl`, the whole URL with them appended to its own query. For tests: a merchant's
 * return page can be driven with exactly what the gateway sends.
 */
export function formatReturn(params: PaymentReturnParams, returnUrl?: string): string {
  const query = new URLSearchParams();
  query.set("merchantTradeNo", params.merchantTradeNo);
  query.set("paymentNo", params.paymentNo);
  query.set("status", params.status);
  if (params.merchantAttach !== undefined) query.set("merchantAttach", params.merchantAttach);
  if (returnUrl === undefined) return query.toString();
  const hash = returnUrl.indexOf("#");
  const [base, fragment] = hash === -1 ? [returnUrl, ""] : [returnUrl.slice(0, hash), returnUrl.slice(hash)];
  const separator = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${separator}${query.toString()}${fragment}`;
}

/**
 * The smallest client {@link confirmReturn} needs: `payments.query` of `@gatekit/client` (or
 * anything with the same shape) resolving to the payment's data or throwing.
 */
export interface PaymentQueryClient {
  readonly payments: {
    query(body: PaymentQueryRequest): Promise<PaymentQueryData>;
  };
}

/**
 * Confirms a return redirect with the gateway: queries the payment by `paymentNo` and returns
 * the gateway's own view of it, whose `status` is the one to act on. Throws a
 * {@link ReturnParamsError} when the payment the gateway knows by that `paymentNo` belongs to
 * another `merchantTradeNo` (an edited redirect); errors from the client are passed on.
 */
export async function confirmReturn(
  params: PaymentReturnParams,
  client: PaymentQueryClient,
): Promise<PaymentQueryData> {
  const payment = await client.payments.query({ paymentNo: params.paymentNo });
  if (payment.merchantTradeNo !== params.merchantTradeNo) {
    throw new ReturnParamsError(
      "merchantTradeNo",
      "invalid",
      "The return redirect's merchantTradeNo is not the one of its paymentNo at the gateway: " +
        "the redirect was edited. Show nothing about that order.",
    );
  }
  return payment;
}

interface Params {
  getAll(name: string): readonly string[];
}

function searchParamsOf(input: ReturnInput): Params {
  if (input instanceof URLSearchParams) return input;
  if (input instanceof URL) return input.searchParams;
  if (typeof input === "string") return new URLSearchParams(queryOf(input));
  if (typeof input === "object" && input !== null) {
    return {
      getAll(name) {
        const value = Object.hasOwn(input, name) ? input[name] : undefined;
        if (value === undefined) return [];
        return typeof value === "string" ? [value] : value;
      },
    };
  }
  throw new TypeError("parseReturn takes a URL (string or URL), a query string, URLSearchParams or a query object.");
}

// The query of a full URL, a path or a bare query string, without the fragment.
function queryOf(text: string): string {
  const hash = text.indexOf("#");
  const withoutFragment = hash === -1 ? text : text.slice(0, hash);
  const question = withoutFragment.indexOf("?");
  if (question !== -1) return withoutFragment.slice(question + 1);
  // No "?": a bare query string, unless it is a URL or a path without one.
  return /^[A-Za-z][A-Za-z0-9+.-]*:|^\//.test(withoutFragment) ? "" : withoutFragment;
}

function required(params: Params, name: "merchantTradeNo" | "paymentNo" | "status"): string {
  const value = optional(params, name);
  if (value === undefined || value === "") {
    throw new ReturnParamsError(
      name,
      "missing",
      `The return parameter ${name} is missing; is this the gateway's redirect to returnUrl?`,
    );
  }
  return value;
}

function optional(params: Params, name: keyof PaymentReturnParams): string | undefined {
  const values = params.getAll(name);
  if (values.length === 0) return undefined;
  if (values.length > 1) {
    throw new ReturnParamsError(
      name,
      "repeated",
      `The return parameter ${name} appears ${values.length} times; the gateway sends it once.`,
    );
  }
  const value = values[0]!;
  const limit = name === "status" ? undefined : LIMITS[name];
  if (typeof value !== "string")
    throw new ReturnParamsError(name, "invalid", `The return parameter ${name} is not a string.`);
  if (limit !== undefined && value.length > limit) {
    throw new ReturnParamsError(
      name,
      "too_long",
      `The return parameter ${name} is ${value.length} characters, more than its ${limit}.`,
    );
  }
  return value;
}
