// The Prometheus registry: one per process (a globalThis singleton survives dev reloads).
// Served at /api/metrics. Label values are bounded sets (route templates, codes), never ids.
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

interface Metrics {
  registry: Registry;
  apiRequests: Counter<"route" | "status">;
  apiDuration: Histogram<"route">;
  redisFallback: Counter<"purpose" | "decision">;
  usageFlushed: Counter<"outcome">;
  webhooks: Counter<"provider" | "outcome">;
  meterReports: Counter<"provider" | "outcome">;
  dunningDowngrades: Counter<"provider">;
  cacheEvents: Counter<"namespace" | "event">;
  cacheFillSeconds: Histogram<"namespace">;
  cacheRedisErrors: Counter;
}

const globalForMetrics = globalThis as unknown as { __tesseraMetrics?: Metrics };

function createMetrics(): Metrics {
  const registry = new Registry();
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
    cacheEvents: new Counter({
      name: "tessera_cache_events_total",
      help: "Read-through cache events by namespace: hits, misses, stale (served while refilled), fills, errors, invalidations.",
      labelNames: ["namespace", "event"],
      registers: [registry],
    }),
    cacheFillSeconds: new Histogram({
      name: "tessera_cache_fill_duration_seconds",
      help: "Time the read-through cache spent loading a value from its source, by namespace.",
      labelNames: ["namespace"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    cacheRedisErrors: new Counter({
      name: "tessera_cache_redis_errors_total",
      help: "Cache operations that could not reach Redis; the source was read instead.",
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  return (globalForMetrics.__tesseraMetrics ??= createMetrics());
}
