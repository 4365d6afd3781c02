import { packageProject } from "../../vitest.shared.js";

export default packageProject("docs", { testTimeout: 60_000, hookTimeout: 60_000 });
