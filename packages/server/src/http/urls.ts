// Which URL a request was signed over, and the public origin for links such as action.url.
// Without a public URL the gateway trusts the request's own URL (scheme, Host header, path);
// behind a proxy that rewrites any of them, the operator sets publicUrl.

/** The offset of the path in an absolute URL string (its length when there is no path). */
function pathStart(url: string): number {
  const scheme = url.indexOf("://");
  const slash = url.indexOf("/", scheme === -1 ? 0 : scheme + 3);
  return slash === -1 ? url.length : slash;
}

/** The URL the client used: `publicUrl` + the request's path and query, or the request's URL. */
export function signedUrlOf(requestUrl: string, publicUrl: string | null): string {
  return publicUrl === null ? requestUrl : publicUrl + requestUrl.slice(pathStart(requestUrl));
}

/** The base for the gateway's own links: `publicUrl`, or the request's origin. */
export function publicOriginOf(requestUrl: string, publicUrl: string | null): string {
  return publicUrl ?? requestUrl.slice(0, pathStart(requestUrl));
}
