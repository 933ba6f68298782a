// Part of `npm run bench:tracing` (scripts/bench-tracing.ts starts two of these): a node HTTP
// server answering GET /api/health (or, with BENCH_ROUTE=v1, GET /api/v1/ping) through the app's
// real route handler, with the request metrics
// installed and — when OTEL_EXPORTER_OTLP_ENDPOINT is set — tracing registered exactly as
// instrumentation.ts does it. Prints "ready <port>" once listening.
import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();

async function main() {
  const { registerTracing, tracingEnabled } = await import("../lib/observability/otel");
  if (tracingEnabled()) registerTracing();
  const { installHttpMetrics } = await import("../lib/monitoring/http-metrics");
  installHttpMetrics();
  const { openDb } = await import("../lib/db/client");
  await openDb();
  // BENCH_ROUTE=v1: GET /api/v1/ping through the API boundary (key, gate, usage, metrics).
  const v1 = process.env.BENCH_ROUTE === "v1";
  const health = await import("../app/api/health/route");
  const ping = await import("../app/api/v1/ping/route");
  const noParams = { params: Promise.resolve({}) };
  const { SpanKind, withSpan } = await import("../lib/observability/tracing");
  // Next.js runs a route handler inside three AsyncLocalStorage stores (app-route's executeRequest:
  // actionAsyncStorage.run → workUnitAsyncStorage.run → workAsyncStorage.run; counted under `next
  // start`: those three are the only ones a route-handler request enables). On Node 22 every
  // enabled store costs each promise a hook call, with tracing off too; the same three here, or the
  // figure would charge that cost to tracing (OpenTelemetry's context manager is one more store).
  type Store = { url: string | undefined };
  const actionStore = new AsyncLocalStorage<Store>();
  const workUnitStore = new AsyncLocalStorage<Store>();
  const workStore = new AsyncLocalStorage<Store>();
  const server = http.createServer((request, response) => {
    // The request's own span, as Next's server span would be: the route's spans are its children.
    const serve = () =>
      withSpan(
        v1 ? "GET /api/v1/ping" : "GET /api/health",
        { "http.request.method": "GET", "http.route": v1 ? "/api/v1/ping" : "/api/health" },
        async (span) => {
          const answer = v1
            ? await ping.GET(
                new Request(`http://127.0.0.1${request.url ?? "/"}`, {
                  headers: { authorization: request.headers.authorization ?? "" },
                }),
                noParams,
              )
            : await health.GET();
          span.setAttribute("http.response.status_code", answer.status);
          response.writeHead(answer.status, Object.fromEntries(answer.headers));
          response.end(Buffer.from(await answer.arrayBuffer()));
        },
        SpanKind.SERVER,
      );
    const store = { url: request.url };
    const inStores = () => actionStore.run(store, () => workUnitStore.run(store, () => workStore.run(store, serve)));
    void inStores().catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => console.log(`ready ${(server.address() as AddressInfo).port}`));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

void main();
