// Request count and duration for every request the Node server answers — pages, server actions,
// route handlers, assets — measured where node's HTTP server sees them (diagnostics channels
// "http.server.request.start" and "http.server.response.finish"), so nothing in app/ needs a
// wrapper and a route added tomorrow is measured too. Labels: the route template (routes.ts),
// the method (a fixed set), the status code and the kind (page, action, route, asset, other).
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";

import { metrics } from "../observability/metrics";
import { loadAppRoutes, routeMatcher, type RouteMatcher } from "../observability/routes";
import { noteRequestForSlo } from "./slo";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export type RequestKind = "page" | "action" | "route" | "asset" | "other";

export interface RequestLabels {
  route: string;
  method: string;
  kind: RequestKind;
}

/** The bounded labels of a request: never its concrete path, query or ids. */
export function requestLabels(
  matcher: RouteMatcher,
  method: string | undefined,
  url: string | undefined,
  headers: IncomingMessage["headers"],
): RequestLabels {
  const normalizedMethod = METHODS.has((method ?? "").toUpperCase()) ? (method ?? "").toUpperCase() : "OTHER";
  const rawPath = (url ?? "/").split("?")[0] ?? "/";
  if (rawPath.startsWith("/_next/")) return { route: "/_next/*", method: normalizedMethod, kind: "asset" };
  const route = matcher.match(rawPath);
  if (!route) return { route: "unmatched", method: normalizedMethod, kind: "other" };
  const kind: RequestKind = route.kind === "route" ? "route" : headers["next-action"] ? "action" : "page";
  return { route: route.template, method: normalizedMethod, kind };
}

const globalForHttp = globalThis as unknown as { __tesseraHttpMetrics?: { matcher: RouteMatcher } };

/** Starts measuring every request of this process's HTTP servers (idempotent). */
export function installHttpMetrics(matcher: RouteMatcher = routeMatcher(loadAppRoutes())): void {
  if (globalForHttp.__tesseraHttpMetrics) return;
  globalForHttp.__tesseraHttpMetrics = { matcher };
  const m = metrics();
  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const start = performance.now();
    const url = request.url; // Next may rewrite request.url while it handles the request
    m.httpInFlight.inc();
    // "close" follows "finish", and also comes alone when the client went away first (499).
    response.once("close", () => {
      m.httpInFlight.dec();
      const labels = requestLabels(matcher, request.method, url, request.headers);
      const status = response.writableFinished ? String(response.statusCode) : "499";
      m.httpRequests.inc({ ...labels, status });
      const seconds = (performance.now() - start) / 1000;
      m.httpDuration.observe({ route: labels.route, method: labels.method, status }, seconds);
      if (labels.kind !== "asset") noteRequestForSlo(Number(status), seconds);
    });
  });
}
