// Runs once when a server process starts, before it serves requests: turns tracing on when an
// OTLP endpoint is configured (lib/observability/otel.ts), stamps each request with its
// connection's address (lib/net/peer.ts), measures every request (lib/observability), hands the
// public help centre's reads to its Pages Router pages (lib/knowledge/help-center-bridge.ts: pages/
// may not import server-only modules), opens the database, migrates and seeds the embedded one,
// and ensures the platform operator account.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerTracing, tracingEnabled } = await import("./lib/observability/otel");
    if (tracingEnabled()) {
      // Next.js wraps every fetch in a span of its own; @vercel/otel's fetch instrumentation
      // (lib/observability/otel.ts) makes the outbound span with the provider's request id and the
      // traceparent header, so Next's would be a second span per call, the same call twice.
      process.env.NEXT_OTEL_FETCH_DISABLED = "1";
      registerTracing();
    }
    const { installPeerAddressHeader } = await import("./lib/net/peer");
    installPeerAddressHeader();
    const { installHttpMetrics } = await import("./lib/monitoring/http-metrics");
    installHttpMetrics();
    const { startSloRecorder } = await import("./lib/monitoring/slo");
    startSloRecorder();
    const { installPublicHelpCenterReads } = await import("./lib/knowledge/help-center-views");
    installPublicHelpCenterReads();
    const { boot } = await import("./lib/boot");
    await boot();
  }
}
