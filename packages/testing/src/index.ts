export { chromiumPath, launchChromium } from "./chromium.js";
