// The API reference at /docs: the page `pnpm docs` builds (apps/docs/dist/index.html), read from
// disk on each request so a rebuild shows without a restart, or a page saying how to build it.

import { readFile } from "node:fs/promises";
import type { Handler } from "hono";
import type { GatewayEnv } from "./env.js";

/** Serves the docs page at `path`, or a helpful 404 when there is none. */
export function docsHandler(path: string | null): Handler<GatewayEnv> {
  return async (c) => {
    c.header("cache-control", "no-cache");
    if (path !== null) {
      try {
        return c.html(await readFile(path, "utf8"));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT" && (error as NodeJS.ErrnoException).code !== "EISDIR")
          throw error;
      }
    }
    return c.html(notBuiltPage(path), 404);
  };
}

function notBuiltPage(path: string | null): string {
  const where =
    path === null
      ? "No docs page is configured (docsPath is null)."
      : `There is no page at <code>${escapeHtml(path)}</code>.`;
  return (
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>API docs not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:4rem auto;padding:0 1rem;color:#222}` +
    `code{background:#f3f3f3;padding:.1em .3em;border-radius:3px}</style>
</head>
<body>
<h1>The API docs are not built</h1>
<p>${where}</p>
<p>In the Gatekit workspace, build them with <code>pnpm docs</code> and reload this page. Elsewhere, ` +
    `start the gateway with the
<code>docsPath</code> option pointing at a built <code>index.html</code>.</p>
<p>The gateway itself is running: its operations are served under the base path, and its control API under ` +
    `<code>/__gateway/</code>.</p>
</body>
</html>
`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
