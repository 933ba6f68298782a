// What proxy.ts decides about a request path before Next.js routes it: Next's router decodes
// dynamic segments itself and answers a malformed percent-encoding ("/api/v1/members/%ZZ",
// an overlong "%C0%AF") with a plain-text 500 before any handler runs. (Undeclared methods and
// unknown paths under /api/v1 are answered by the route files' JSON 405 stubs and the
// app/api/[[...path]] catch-all, without the proxy.) Kept free of Next.js imports so unit tests
// reach it directly.

/** True when a segment of the path is not valid percent-encoded UTF-8. */
export function hasMalformedEncoding(pathname: string): boolean {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}
