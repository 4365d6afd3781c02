import { packageProject } from "../../vitest.shared.js";

// End-to-end tests run real servers on loopback; the first contract schema compile takes a moment.
export default packageProject("e2e", { testTimeout: 20_000 });
