// Each operation's request and data types, looked up in the generated maps by operationId or by
// path, so that a handler or a method typed with them stops compiling when the contract changes.
import type { components, operations, paths } from "./generated/schema.js";

type Envelope = components["schemas"]["Envelope"];
type RequestOf<Operation> = Operation extends { requestBody: { content: { "application/json": infer Body } } }
  ? Body
  : never;
type ResponseOf<Operation> = Operation extends { responses: { 200: { content: { "application/json": infer Body } } } }
  ? Body
  : never;
// Every response schema is `Envelope & { data: X | null }`. Indexing it with `data` would give X
// intersected with the envelope's open record; inferring past the Envelope leaves X alone.
type DataOf<Response> = Response extends Envelope & (infer Narrowed extends { data: unknown })
  ? NonNullable<Narrowed["data"]>
  : never;

/** A path the public API serves, such as `"/v2/payment/create"`; every one is a POST. */
export type ApiPath = { [Path in keyof paths]: paths[Path] extends { post: object } ? Path : never }[keyof paths];
/** The operationIds served under `paths`: the generated `operations` also holds the notifications. */
export type ApiOperationId = {
  [Id in keyof operations]: operations[Id] extends paths[ApiPath]["post"] ? Id : never;
}[keyof operations];

/** The JSON request body of an operation, such as `PaymentCreateRequest` for `"createPayment"`. */
export type OperationRequest<Id extends ApiOperationId> = RequestOf<operations[Id]>;
/** The whole 200 response body of an operation: the envelope with `data` narrowed. */
export type OperationResponse<Id extends ApiOperationId> = ResponseOf<operations[Id]>;
/** The `data` of an operation's successful response, without the `null` of a refusal. */
export type OperationData<Id extends ApiOperationId> = DataOf<OperationResponse<Id>>;

/** The JSON request body of the operation at a path, for callers that know the path, not the id. */
export type RequestAt<Path extends ApiPath> = RequestOf<paths[Path]["post"]>;
/** The `data` of a successful response of the operation at a path. */
export type DataAt<Path extends ApiPath> = DataOf<ResponseOf<paths[Path]["post"]>>;
