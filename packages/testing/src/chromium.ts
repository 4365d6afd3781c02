import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

// The system's Chromium is used because browser downloads are not possible on these machines;
// the test command installs Debian's `chromium` package when it is missing.
const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The Chromium executable the browser tests drive, or an error saying how to install one. */
export function chromiumPath(): string {
  const found = candidates.find((path): path is string => Boolean(path) && existsSync(path as string));
  if (!found) {
    throw new Error(
      "No Chromium found at /usr/bin/chromium. Install it (apt-get install chromium) " +
        "or set CHROMIUM_PATH to a Chromium executable.",
    );
  }
  return found;
}

/** Launches headless Chromium with a fresh profile and no background traffic off the machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
