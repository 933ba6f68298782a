// The Prometheus registry: one per process (a globalThis singleton survives dev reloads).
// Served at /api/metrics. Label values are bounded sets (route templates, codes), never ids.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

interface Metrics {
  registry: Registry;
  apiRequests: Counter<"route" | "status">;
  apiDuration: Histogram<"route">;
  redisFallback: Counter<"purpose" | "decision">;
  usageFlushed: Counter<"outcome">;
  webhooks: Counter<"provider" | "outcome">;
  meterReports: Counter<"provider" | "outcome">;
  dunningDowngrades: Counter<"provider">;
  webhookBacklog: Gauge<"provider">;
  webhookLag: Gauge<"provider">;
  /** Refreshes the webhook queue gauges on a scrape (set at boot by lib/billing/webhooks/worker.ts). */
  webhookQueueProbe?: () => Promise<void>;
}

const globalForMetrics = globalThis as unknown as { __tesseraMetrics?: Metrics };

function createMetrics(): Metrics {
  const registry = new Registry();
  // Both webhook queue gauges are read from one probe per scrape.
  let probing: Promise<void> | null = null;
  const probeWebhookQueue = async () => {
    const probe = globalForMetrics.__tesseraMetrics?.webhookQueueProbe;
    if (!probe) return;
    probing ??= probe().finally(() => (probing = null));
    await probing;
  };
  collectDefaultMetrics({ register: registry, prefix: "tessera_" });
  return {
    registry,
    apiRequests: new Counter({
      name: "tessera_api_requests_total",
      help: "Public API (v1) requests by route template and status code.",
      labelNames: ["route", "status"],
      registers: [registry],
    }),
    apiDuration: new Histogram({
      name: "tessera_api_request_duration_seconds",
      help: "Public API (v1) handling time by route template.",
      labelNames: ["route"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    redisFallback: new Counter({
      name: "tessera_redis_unavailable_total",
      help: "Times Redis could not be reached, by purpose and the decision taken (fail_open / fail_closed).",
      labelNames: ["purpose", "decision"],
      registers: [registry],
    }),
    webhooks: new Counter({
      name: "tessera_webhook_events_total",
      help: "Payment webhooks by provider and outcome (processed, duplicate, ignored, failed, rejected).",
      labelNames: ["provider", "outcome"],
      registers: [registry],
    }),
    usageFlushed: new Counter({
      name: "tessera_usage_flush_batches_total",
      help: "Usage counter batches moved from Redis into PostgreSQL, by outcome.",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    meterReports: new Counter({
      name: "tessera_meter_reports_total",
      help: "Hourly metered-usage reports by provider and outcome (sent, recorded locally, failed, expired).",
      labelNames: ["provider", "outcome"],
      registers: [registry],
    }),
    dunningDowngrades: new Counter({
      name: "tessera_dunning_downgrades_total",
      help: "Subscriptions canceled and tenants moved to FREE after the dunning grace period, by provider.",
      labelNames: ["provider"],
      registers: [registry],
    }),
    webhookBacklog: new Gauge({
      name: "tessera_webhook_backlog_events",
      help: "Webhook events waiting to be processed now (stored and not processed, or failed and due for a retry), by provider.",
      labelNames: ["provider"],
      registers: [registry],
      collect: probeWebhookQueue,
    }),
    webhookLag: new Gauge({
      name: "tessera_webhook_lag_seconds",
      help: "How long the oldest webhook event waiting to be processed has waited, by provider (0 when none waits).",
      labelNames: ["provider"],
      registers: [registry],
      collect: probeWebhookQueue,
    }),
  };
}

export function metrics(): Metrics {
  return (globalForMetrics.__tesseraMetrics ??= createMetrics());
}
