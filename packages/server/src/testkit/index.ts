// Test helpers for this package's suites (not part of the published API).
export { START_TIME, type TestClock, testClock } from "./clock.js";
export { durableDb, freshDb, freshSchemaUrl, postgresServerUrl } from "./database.js";
export { assertContractResponse, assertControlResponse, type SentRequest } from "./contract.js";
export { type CallOptions, type CallResult, MERCHANT, ORIGIN, type TestGateway, testGateway } from "./gateway.js";
export { paymentRequest, payoutRequest, refundRequest, tradeNo } from "./requests.js";
