// Fixtures of this package's suites: a gateway in process, checked against the contract on every
// response, and its databases. Outside src/, so the published build never reaches them; the
// helpers any suite could use are in @gatekit/testing.
export { START_TIME, type TestClock, testClock } from "./clock.js";
export { durableDb, freshDb, freshSchemaUrl, postgresServerUrl } from "./database.js";
export { assertContractResponse, assertControlResponse, type SentRequest } from "./contract.js";
export { type CallOptions, type CallResult, MERCHANT, ORIGIN, type TestGateway, testGateway } from "./gateway.js";
export { paymentRequest, payoutRequest, refundRequest, tradeNo } from "./requests.js";
