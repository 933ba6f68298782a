// What proxy.ts decides about a request path before Next.js routes it: Next's router decodes
// dynamic segments itself and answers a malformed percent-encoding ("/api/v1/members/%ZZ",
// an overlong "%C0%AF") with a plain-text 500 before any handler runs; and for /api/v1 it
// answers undeclared methods with an empty 405 and unknown paths with the HTML 404 page. The
// declarations (lib/api/v1) know every path and method, so these answers come from them.
// Kept free of Next.js imports so unit tests reach it directly.

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

export interface RouteShape {
  method: string;
  path: string;
}

export type PathDecision = { kind: "pass" } | { kind: "not_found" } | { kind: "method_not_allowed"; allow: string[] };

function segments(path: string): string[] {
  return path.split("/").filter(Boolean);
}

/** Literal segments match as sent (Next.js does not route "%6Dembers" to "members"); params match any. */
function matches(template: string[], actual: string[]): boolean {
  if (template.length !== actual.length) return false;
  return template.every((part, i) => (part.startsWith("{") && part.endsWith("}")) || part === actual[i]);
}

/** The declarations' path templates split once (the proxy asks on every /api/v1 request). */
const compiled = new WeakMap<readonly RouteShape[], { method: string; template: string[] }[]>();

function templatesOf(routes: readonly RouteShape[]) {
  let list = compiled.get(routes);
  if (!list) {
    list = routes.map((route) => ({ method: route.method, template: segments(route.path) }));
    compiled.set(routes, list);
  }
  return list;
}

/**
 * For a path under `prefix` whose routes are all declared: pass when a route serves the method;
 * otherwise 404 (no declared path matches) or 405 with the methods the path allows (Next.js
 * answers HEAD for every GET route and OPTIONS for every route itself, so they pass).
 */
export function decideDeclaredPath(routes: readonly RouteShape[], method: string, pathname: string): PathDecision {
  const actual = segments(pathname);
  const wanted = method.toUpperCase();
  const methods = new Set<string>();
  for (const route of templatesOf(routes)) {
    if (!matches(route.template, actual)) continue;
    // The common case: a declared route serves the method (HEAD rides on GET).
    if (route.method === wanted || (wanted === "HEAD" && route.method === "GET") || wanted === "OPTIONS") {
      return { kind: "pass" };
    }
    methods.add(route.method);
  }
  if (methods.size === 0) return { kind: "not_found" };
  if (methods.has("GET")) methods.add("HEAD");
  methods.add("OPTIONS");
  const order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
  return { kind: "method_not_allowed", allow: [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
}
