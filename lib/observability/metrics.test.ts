import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { DEFAULT_METRICS, METRIC_CATALOGUE } from "./catalogue";
import { installHttpMetrics, requestLabels } from "../monitoring/http-metrics";
import { metrics } from "./metrics";
import {
  routeMatcher,
  routesFromFolders,
  routesFromManifest,
  routesFromPagesManifest,
  templateOfAppPath,
} from "./routes";

const appRoutes = routesFromFolders(path.resolve(import.meta.dirname, "../.."));
const matcher = routeMatcher(appRoutes);

describe("metric catalogue and registry", () => {
  it("registers every catalogue metric with its label names", async () => {
    const { registry } = metrics();
    for (const definition of METRIC_CATALOGUE) {
      if (definition.name === "tessera_usage_flush_interval_seconds") continue; // registered by the flusher
      const metric = registry.getSingleMetric(definition.name) as unknown as { labelNames: string[] } | undefined;
      expect(metric, definition.name).toBeDefined();
      expect([...(metric?.labelNames ?? [])].sort(), definition.name).toEqual([...definition.labels].sort());
    }
    const names = METRIC_CATALOGUE.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^tessera_[a-z0-9_]+$/);
  });

  it("lists prom-client's default process and runtime metrics exactly as the registry exposes them", async () => {
    const { registry } = metrics();
    const catalogued = new Set<string>(METRIC_CATALOGUE.map((definition) => definition.name));
    const exposed = (await registry.getMetricsAsJSON()).filter((metric) => !catalogued.has(metric.name));
    const byName = new Map(DEFAULT_METRICS.map((metric) => [metric.name, metric]));
    for (const metric of exposed) {
      const listed = byName.get(metric.name);
      expect(listed, `${metric.name} is exported but missing from DEFAULT_METRICS`).toBeDefined();
      expect(listed?.type).toBe(String(metric.type));
      const labels = registry.getSingleMetric(metric.name) as unknown as { labelNames: string[] };
      expect([...labels.labelNames].sort(), metric.name).toEqual([...(listed?.labels ?? [])].sort());
    }
    const exposedNames = new Set(exposed.map((metric) => metric.name));
    // Every listed default metric is exported (tessera_process_max_fds and friends exist on Linux).
    for (const name of byName.keys()) expect(exposedNames.has(name), `${name} is listed but not exported`).toBe(true);
  });

  it("registers the flush-interval gauge only once a flusher runs", async () => {
    const { registry } = metrics();
    expect(registry.getSingleMetric("tessera_usage_flush_interval_seconds")).toBeUndefined();
    const { noteUsageFlusher } = await import("./metrics");
    noteUsageFlusher(60);
    expect(await registry.getSingleMetricAsString("tessera_usage_flush_interval_seconds")).toContain(
      "tessera_usage_flush_interval_seconds 60",
    );
  });
});

describe("route templates", () => {
  it("reads app file paths as Next does: route groups and parallel slots vanish", () => {
    expect(templateOfAppPath("/(marketing)/page")).toEqual({ template: "/", kind: "page" });
    expect(templateOfAppPath("app/t/[slug]/(overview)/page.tsx")).toEqual({ template: "/t/[slug]", kind: "page" });
    expect(templateOfAppPath("/api/v1/members/[user_id]/route")).toEqual({
      template: "/api/v1/members/[user_id]",
      kind: "route",
    });
    expect(templateOfAppPath("/t/[slug]/layout")).toBeNull();
    expect(
      routesFromManifest({ "/t/[slug]/members/page": "/t/[slug]/members", "/api/health/route": "/api/health" }),
    ).toEqual([
      { template: "/t/[slug]/members", kind: "page" },
      { template: "/api/health", kind: "route" },
    ]);
    expect(
      routesFromPagesManifest({
        "/_app": "pages/_app.js",
        "/404": "pages/404.html",
        "/pricing": "pages/pricing.html",
        "/api-docs": "pages/api-docs.html",
      }),
    ).toEqual([
      { template: "/pricing", kind: "page" },
      // Served at /api/docs (lib/page-aliases.ts), labelled by that address.
      { template: "/api/docs", kind: "page" },
    ]);
  });

  it("maps concrete paths of the real app/ and pages/ folders to their templates, static before dynamic", () => {
    expect(appRoutes.length).toBeGreaterThan(30);
    const cases: [string, string | null][] = [
      ["/", "/"],
      ["/pricing", "/pricing"],
      ["/api/docs", "/api/docs"],
      ["/help/acme", "/help/[slug]"],
      ["/help/acme/a_1", "/help/[slug]/[id]"],
      ["/t/acme/members", "/t/[slug]/members"],
      ["/t/acme", "/t/[slug]"],
      ["/t/acme/billing/invoices/in_123/pdf", "/t/[slug]/billing/invoices/[id]/pdf"],
      ["/api/v1/members", "/api/v1/members"],
      ["/api/v1/members/u_1", "/api/v1/members/[user_id]"],
      ["/api/v1/api-keys/k_1/roll", "/api/v1/api-keys/[id]/roll"],
      ["/api/health", "/api/health"],
      ["/api/auth/callback/credentials", "/api/auth/[...nextauth]"],
      ["/api/does/not/exist", "/api/[[...path]]"],
      ["/api", "/api/[[...path]]"],
      ["/admin/tenants/t_9", "/admin/tenants/[id]"],
      ["/no-such-page", null],
      ["/t/acme/members/extra", null],
    ];
    for (const [pathname, template] of cases)
      expect(matcher.match(pathname)?.template ?? null, pathname).toBe(template);
  });

  it("labels requests with bounded values only", () => {
    expect(requestLabels(matcher, "get", "/t/acme/members?tab=1", {})).toEqual({
      route: "/t/[slug]/members",
      method: "GET",
      kind: "page",
    });
    expect(requestLabels(matcher, "POST", "/t/acme/members", { "next-action": "abc" })).toEqual({
      route: "/t/[slug]/members",
      method: "POST",
      kind: "action",
    });
    expect(requestLabels(matcher, "PROPFIND", "/api/v1/members/u_1", {})).toEqual({
      route: "/api/v1/members/[user_id]",
      method: "OTHER",
      kind: "route",
    });
    expect(requestLabels(matcher, "GET", "/_next/static/chunks/abc123.js", {}).route).toBe("/_next/*");
    expect(requestLabels(matcher, "GET", "/secret-ids/12345", {})).toEqual({
      route: "unmatched",
      method: "GET",
      kind: "other",
    });
  });
});

describe("HTTP request metrics from node's HTTP server", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    installHttpMetrics(matcher);
    server = createServer((request, response) => {
      const status = request.url?.startsWith("/api/v1/members/") ? 404 : 200;
      response.writeHead(status, { "content-type": "text/plain" });
      response.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("counts every request by template, method, status and kind, with its duration", async () => {
    const { registry } = metrics();
    await fetch(`${base}/t/acme/members`);
    await fetch(`${base}/t/globex/members`);
    await fetch(`${base}/t/acme/members`, { method: "POST", headers: { "next-action": "f00" } });
    await (await fetch(`${base}/api/v1/members/u_42`, { method: "DELETE" })).text();
    // The server records a request when its response closes, which may follow the client's read.
    await vi.waitFor(async () =>
      expect(await registry.getSingleMetricAsString("tessera_http_requests_in_flight")).toContain(
        "tessera_http_requests_in_flight 0",
      ),
    );
    const text = await registry.metrics();
    expect(text).toContain(
      'tessera_http_requests_total{route="/t/[slug]/members",method="GET",kind="page",status="200"} 2',
    );
    expect(text).toContain(
      'tessera_http_requests_total{route="/t/[slug]/members",method="POST",kind="action",status="200"} 1',
    );
    expect(text).toContain(
      'tessera_http_requests_total{route="/api/v1/members/[user_id]",method="DELETE",kind="route",status="404"} 1',
    );
    expect(text).toContain(
      'tessera_http_request_duration_seconds_count{route="/t/[slug]/members",method="GET",status="200"} 2',
    );
    expect(text).not.toMatch(/acme|globex|u_42/);
    expect(text).toContain("tessera_http_requests_in_flight 0");
  });
});
