// Part of `npm run bench:tracing` (scripts/bench-tracing.mjs starts two of these): a node HTTP
// server answering GET /api/health through the app's real route handler, with the request metrics
// installed and — when OTEL_EXPORTER_OTLP_ENDPOINT is set — tracing registered exactly as
// instrumentation.ts does it. Prints "ready <port>" once listening.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { registerHooks } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Route modules import "server-only" (which throws outside React Server Components): map it to its
// empty twin, as Next.js does for server code.
const emptyModule = pathToFileURL(path.resolve("node_modules/server-only/empty.js")).href;
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === "server-only" ? { url: emptyModule, shortCircuit: true } : next(specifier, context),
});

async function main() {
  const { registerTracing, tracingEnabled } = await import("../lib/observability/otel");
  if (tracingEnabled()) registerTracing();
  const { installHttpMetrics } = await import("../lib/observability/http-metrics");
  installHttpMetrics();
  const { openDb } = await import("../lib/db/client");
  await openDb();
  const health = await import("../app/api/health/route");
  const server = http.createServer((request, response) => {
    void (async () => {
      const answer = await health.GET();
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => console.log(`ready ${(server.address() as AddressInfo).port}`));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

void main();
