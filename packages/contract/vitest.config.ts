import { packageProject } from "../../vitest.shared.js";

export default packageProject("contract", { testTimeout: 60_000 });
