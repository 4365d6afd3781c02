import { packageProject } from "../../vitest.shared.js";

// The browser tests start the gateway and the shop as real processes and drive Chromium on 2
// shared cores: a whole checkout takes a few seconds, so the budget per test is generous.
export default packageProject("demo-merchant", { testTimeout: 60_000, hookTimeout: 60_000 });
