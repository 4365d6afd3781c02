// The six public operations: what each does with a validated request. Paths and schemas are not
// repeated here: they are read from the contract by operationId (see `contractOperations`), so
// the gateway serves exactly the operations the contract lists.

import type { ApiOperationId, OperationData, OperationRequest } from "@gatekit/types";
import { queryBalances } from "../domain/balances.js";
import type { DomainContext } from "../domain/context.js";
import { createPayment, queryPayment } from "../domain/payments.js";
import { createPayout, queryPayout } from "../domain/payouts.js";
import { createRefund } from "../domain/refunds.js";
import { paymentCreateData, paymentQueryData, payoutCreateData, payoutQueryData, refundData } from "../domain/views.js";
import { openapiDocument } from "../generated/documents.js";
import type { MerchantRecord } from "../storage/merchants.js";
import type { Tx } from "../storage/store.js";

/**
 * Runs operation `Id`: the request is already authenticated and valid against its schema. Both
 * types come from the contract, so a change there that a handler does not follow fails to compile.
 */
export type OperationHandler<Id extends ApiOperationId> = (
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: OperationRequest<Id>,
  publicOrigin: string,
) => Promise<OperationData<Id>>;

/** What each operation does, by operationId; returns the response's `data`. */
export const handlers: { readonly [Id in ApiOperationId]: OperationHandler<Id> } = {
  createPayment: async (tx, ctx, merchant, request, origin) =>
    paymentCreateData(await createPayment(tx, ctx, merchant, request), origin),
  queryPayment: async (tx, ctx, merchant, request) => paymentQueryData(await queryPayment(tx, ctx, merchant, request)),
  createRefund: async (tx, ctx, merchant, request) => refundData(await createRefund(tx, ctx, merchant, request)),
  createPayout: async (tx, ctx, merchant, request) => payoutCreateData(await createPayout(tx, ctx, merchant, request)),
  queryPayout: async (tx, ctx, merchant, request) => payoutQueryData(await queryPayout(tx, ctx, merchant, request)),
  queryBalance: async (tx, ctx, merchant, request) => ({
    balanceList: await queryBalances(tx, ctx, merchant, request.currencies),
  }),
};

/** Runs operation `id` on a request body that its schema in the contract has accepted. */
export function runOperation<Id extends ApiOperationId>(
  id: Id,
  tx: Tx,
  ctx: DomainContext,
  merchant: MerchantRecord,
  request: unknown,
  publicOrigin: string,
): Promise<OperationData<Id>> {
  // The one narrowing: ajv checked `request` against operation `id`'s schema at run time, which
  // the compiler cannot follow from the validator to here.
  return handlers[id](tx, ctx, merchant, request as OperationRequest<Id>, publicOrigin);
}

/** An operation as the contract declares it. */
export interface ContractOperation {
  readonly id: ApiOperationId;
  /** Relative to the base URL, such as `/v2/payment/create`. */
  readonly path: string;
  /** JSON pointer of the request body's schema in the contract. */
  readonly requestPointer: string;
  /** JSON pointer of the 200 response body's schema in the contract. */
  readonly responsePointer: string;
}

type PathItem = { post?: { operationId?: string; requestBody?: Media; responses?: Record<string, Media> } };
type Media = { content?: Record<string, { schema?: { $ref?: string } }> };

/** Every POST operation under the contract's `paths`. */
export function contractOperations(): ContractOperation[] {
  const paths = openapiDocument["paths"] as Record<string, PathItem>;
  return Object.entries(paths).map(([path, item]) => {
    const operation = item.post;
    const request = operation?.requestBody?.content?.["application/json"]?.schema?.$ref;
    const response = operation?.responses?.["200"]?.content?.["application/json"]?.schema?.$ref;
    if (!operation?.operationId || !request || !response) {
      throw new Error(`The contract's ${path} is not a POST operation with JSON request and 200 response schemas.`);
    }
    return {
      id: operation.operationId as ApiOperationId,
      path,
      requestPointer: request.slice(1),
      responsePointer: response.slice(1),
    };
  });
}
