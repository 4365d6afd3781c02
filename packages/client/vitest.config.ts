import { packageProject } from "../../vitest.shared.js";

export default packageProject("client", {
  typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
});
