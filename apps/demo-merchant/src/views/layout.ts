// The frame of every page: one inline stylesheet allowed by its hash, no script, no external
// asset. Every value goes into the markup through hono/html's `html` template, which escapes it:
// product names, payer data and the gateway's messages are text, never markup.

import { createHash } from "node:crypto";
import { html, raw } from "hono/html";

/** A fragment or a whole page, already escaped. */
export type Html = ReturnType<typeof html>;

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #f6f8fa; --card: #fff; --line: #d0d7de;
  --accent: #0969da; --ok: #1a7f37; --bad: #cf222e; --wait: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; \
--card: #161b22; --line: #30363d; --accent: #58a6ff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); \
background: var(--bg); }
header { display: flex; gap: 1.5rem; align-items: baseline; padding: 1rem 1.5rem; \
border-bottom: 1px solid var(--line); background: var(--card); }
header strong { font-size: 1.1rem; }
main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1.5rem; }
section, .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; \
padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
.products { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 0 0 .75rem; }
.price { font-size: 1.4rem; font-weight: 700; }
table { width: 100%; border-collapse: collapse; font-size: .93rem; }
th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: .5rem 0 0; }
label { display: grid; gap: .2rem; font-size: .85rem; color: var(--muted); }
input { font: inherit; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: 6px; \
background: var(--bg); color: var(--fg); min-width: 8rem; }
button { font: inherit; font-weight: 600; padding: .45rem 1rem; border-radius: 6px; border: 0; color: #fff; \
background: var(--accent); cursor: pointer; }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
a { color: var(--accent); }
.status { font-weight: 700; }
.status-PAID, .status-REFUNDED { color: var(--ok); }
.status-FAILED, .status-CLOSED { color: var(--bad); }
.status-PENDING { color: var(--wait); }
.note { color: var(--muted); font-size: .9rem; }
.error { border-color: var(--bad); }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .85rem; }
`;

// The stylesheet holds no value from outside, and escaping it would change the bytes its hash covers.
const STYLE_RAW = raw(STYLE);
const STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/**
 * The security headers of every page. Forms may go to this shop and to the gateway: the pay form
 * posts here and is redirected to the gateway's checkout, and browsers apply `form-action` to
 * that redirect too.
 */
export function securityHeaders(gatewayOrigin: string): Record<string, string> {
  return {
    "content-security-policy":
      `default-src 'none'; style-src ${STYLE_HASH}; img-src data:; ` +
      `form-action 'self' ${gatewayOrigin}; base-uri 'none'; frame-ancestors 'none'`,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
  };
}

/** A whole page: the shop's header, then `body`. */
export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Gatekit demo shop</title>
<style>${STYLE_RAW}</style>
</head>
<body>
<header><strong>Gatekit demo shop</strong><a href="/">Products</a><a href="/orders">Orders &amp; payouts</a></header>
<main>
${body}
</main>
</body>
</html>`;
}

/** An amount with its currency: `120.00 INR`. */
export function money(amount: string, currency: string): string {
  return `${amount} ${currency}`;
}

/** A status, coloured by what it means. `field` names it for tests and scripts (`data-field`). */
export function status(value: string, field?: string): Html {
  return html`<span class="status status-${value}"${field ? html` data-field="${field}"` : ""}>${value}</span>`;
}
