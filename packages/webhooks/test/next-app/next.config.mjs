// The Next.js app the adapter test builds and serves. It imports @gatekit/webhooks/next from the
// package's TypeScript sources, as every test in the workspace does (the "@gatekit/source"
// condition), so it needs no prior build of the packages.

/** @type {import("next").NextConfig} */
const config = {
  transpilePackages: ["@gatekit/webhooks", "@gatekit/signature", "@gatekit/types"],
  eslint: { ignoreDuringBuilds: true },
  typescript: { ignoreBuildErrors: true },
  webpack(webpackConfig) {
    webpackConfig.resolve.conditionNames = ["@gatekit/source", ...(webpackConfig.resolve.conditionNames ?? ["..."])];
    // The sources import "./x.js" for "./x.ts", as TypeScript's NodeNext resolution wants.
    webpackConfig.resolve.extensionAlias = { ".js": [".ts", ".js"] };
    return webpackConfig;
  },
};

export default config;
