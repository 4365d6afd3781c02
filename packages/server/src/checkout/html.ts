// HTML escaping and the security headers of the checkout pages. Every value that reaches a page
// goes through escapeHtml: a merchant's description or a payer's name may contain markup.

import { createHash } from "node:crypto";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Escapes text for HTML element content and for double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (char) => ENTITIES[char]!);
}

/** The pages' one stylesheet, inline and allowed by its hash: the page loads nothing else. */
export const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #f6f8fa; --card: #fff; --line: #d0d7de;
  --pay: #1a7f37; --fail: #cf222e; --cancel: #57606a; --focus: #0969da; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; \
--card: #161b22; --line: #30363d; --focus: #58a6ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); \
background: var(--bg); }
main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem; background: var(--card); \
border: 1px solid var(--line); border-radius: 12px; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.sandbox { display: inline-block; font-size: .8rem; padding: .1rem .5rem; border: 1px solid var(--line); \
border-radius: 999px; color: var(--muted); }
.amount { font-size: 2rem; font-weight: 700; margin: 1rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; margin: 1rem 0; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
form { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.5rem; }
button { flex: 1 1 8rem; font: inherit; font-weight: 600; padding: .75rem 1rem; border-radius: 8px; \
border: 2px solid transparent; color: #fff; cursor: pointer; }
button[value=pay] { background: var(--pay); }
button[value=fail] { background: var(--fail); }
button[value=cancel] { background: transparent; color: var(--fg); border-color: var(--line); }
button:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
a { color: var(--focus); }
.note { color: var(--muted); font-size: .9rem; }
`;

const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/**
 * The headers of every checkout page: a strict CSP (nothing but the inline stylesheet, forms only
 * to this gateway and, when given, the origin the form redirects to), no framing, no referrer (the
 * page URL carries the payment's token), no caching.
 */
export function pageHeaders(formRedirectOrigin?: string): Record<string, string> {
  const formAction = ["'self'", ...(formRedirectOrigin ? [formRedirectOrigin] : [])].join(" ");
  return {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy":
      `default-src 'none'; style-src ${STYLE_HASH}; img-src data:; form-action ${formAction}; ` +
      "base-uri 'none'; frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
  };
}

/** A whole page around `body` (already escaped HTML). */
export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · Gatekit sandbox gateway</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * The origin a CSP source list can name for `url`, or undefined when it has none that is safe to
 * put there (an origin is scheme, host and port only, so it cannot carry `;` or spaces).
 */
export function cspOrigin(url: string): string | undefined {
  try {
    const { origin, protocol } = new URL(url);
    return (protocol === "http:" || protocol === "https:") && origin !== "null" ? origin : undefined;
  } catch {
    return undefined;
  }
}
