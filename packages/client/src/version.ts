/** This package's version, as sent in the User-Agent. A test keeps it equal to package.json's. */
export const VERSION = "0.0.0";
