// A static file server for the built docs, used by `serve.mjs` and by the browser test.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder the docs are built into. */
export const dist = fileURLToPath(new URL("../dist/", import.meta.url));

const types = {
  ".html": "text/html; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
};

/** Creates (does not start) an HTTP server for the files in `dist`. */
export function createDocsServer(root = dist) {
  return createServer(async (request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response
        .writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" })
        .end("Only GET and HEAD are served.\n");
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      response.writeHead(400, { "content-type": "text/plain" }).end("The path is not valid percent-encoding.\n");
      return;
    }
    const file = resolve(root, `.${path.endsWith("/") ? `${path}index.html` : path}`);
    // resolve() collapses "..", so a file outside root can only be reached by a path that escapes it.
    const info = file.startsWith(resolve(root) + sep) ? await stat(file).catch(() => null) : null;
    if (!info?.isFile()) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found. The docs are at /.\n");
      return;
    }
    response.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
    });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
}
