export { chromiumPath, launchChromium } from "./chromium.js";
export { type Vector, vectors } from "./vectors.js";
