// The Prometheus registry: one per process (a globalThis singleton survives dev reloads), built
// from the metric catalogue (catalogue.ts). Served at /api/metrics. Label values are bounded sets
// (route templates, codes, tiers), never ids.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from "prom-client";

import { DEFAULT_METRICS_PREFIX, METRIC_CATALOGUE, type MetricDefinition, type MetricName } from "./catalogue";

type Def<N extends MetricName> = Extract<(typeof METRIC_CATALOGUE)[number], { name: N }>;
type Labels<N extends MetricName> = Def<N>["labels"][number];

interface Metrics {
  registry: Registry;
  httpRequests: Counter<Labels<"tessera_http_requests_total">>;
  httpDuration: Histogram<Labels<"tessera_http_request_duration_seconds">>;
  httpInFlight: Gauge;
  apiRequests: Counter<Labels<"tessera_api_requests_total">>;
  apiDuration: Histogram<Labels<"tessera_api_request_duration_seconds">>;
  rateLimited: Counter<Labels<"tessera_rate_limited_total">>;
  redisFallback: Counter<Labels<"tessera_redis_unavailable_total">>;
  usageFlushed: Counter<Labels<"tessera_usage_flush_batches_total">>;
  usageFlushLastSuccess: Gauge;
  usageFlushInterval: Gauge;
  webhooks: Counter<Labels<"tessera_webhook_events_total">>;
  meterReports: Counter<Labels<"tessera_meter_reports_total">>;
  dunningDowngrades: Counter<Labels<"tessera_dunning_downgrades_total">>;
  webhookBacklog: Gauge<Labels<"tessera_webhook_backlog_events">>;
  webhookLag: Gauge<Labels<"tessera_webhook_lag_seconds">>;
  /** Refreshes the webhook queue gauges on a scrape (set at boot by lib/billing/webhooks/worker.ts). */
  webhookQueueProbe?: () => Promise<void>;
  cacheEvents: Counter<Labels<"tessera_cache_events_total">>;
  cacheFillSeconds: Histogram<Labels<"tessera_cache_fill_duration_seconds">>;
  cacheRedisErrors: Counter;
  /** A catalogue metric by name (scrape-time gauges are set through this). */
  get<N extends MetricName>(name: N): Metric<Labels<N>>;
}

const globalForMetrics = globalThis as unknown as { __tesseraMetrics?: Metrics };

function create(definition: MetricDefinition, registry: Registry): Metric<string> {
  const config = {
    name: definition.name,
    help: definition.help,
    labelNames: [...definition.labels],
    registers: [registry],
  };
  switch (definition.type) {
    case "counter":
      return new Counter(config);
    case "gauge":
      return new Gauge(config);
    case "histogram":
      return new Histogram({ ...config, buckets: [...(definition.buckets ?? [])] });
  }
}

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: DEFAULT_METRICS_PREFIX });
  // Gauges named _total (promtool: "non-counter metrics should not have _total suffix"); the
  // by-type gauges stay and sum() to the same figure (catalogue.ts DEFAULT_METRICS).
  for (const what of ["resources", "handles", "requests"]) {
    registry.removeSingleMetric(`${DEFAULT_METRICS_PREFIX}nodejs_active_${what}_total`);
  }
  const byName = new Map<string, Metric<string>>();
  for (const definition of METRIC_CATALOGUE) byName.set(definition.name, create(definition, registry));
  const get = <N extends MetricName>(name: N) => byName.get(name) as unknown as Metric<Labels<N>>;
  const usageFlushInterval = get("tessera_usage_flush_interval_seconds") as Gauge;
  // Absent until a flusher starts in this process (the "flush stalled" alert keys on it).
  registry.removeSingleMetric("tessera_usage_flush_interval_seconds");
  // The webhook queue gauges are read from the database by one probe per scrape (set at boot by
  // lib/billing/webhooks/worker.ts), shared by both gauges.
  let probing: Promise<void> | null = null;
  const probeWebhookQueue = async () => {
    const probe = globalForMetrics.__tesseraMetrics?.webhookQueueProbe;
    if (!probe) return;
    probing ??= probe().finally(() => (probing = null));
    await probing;
  };
  for (const name of ["tessera_webhook_backlog_events", "tessera_webhook_lag_seconds"] as const) {
    Object.assign(get(name), { collect: probeWebhookQueue });
  }
  return {
    registry,
    get,
    httpRequests: get("tessera_http_requests_total") as Counter<Labels<"tessera_http_requests_total">>,
    httpDuration: get("tessera_http_request_duration_seconds") as Histogram<
      Labels<"tessera_http_request_duration_seconds">
    >,
    httpInFlight: get("tessera_http_requests_in_flight") as Gauge,
    apiRequests: get("tessera_api_requests_total") as Counter<Labels<"tessera_api_requests_total">>,
    apiDuration: get("tessera_api_request_duration_seconds") as Histogram<
      Labels<"tessera_api_request_duration_seconds">
    >,
    rateLimited: get("tessera_rate_limited_total") as Counter<Labels<"tessera_rate_limited_total">>,
    redisFallback: get("tessera_redis_unavailable_total") as Counter<Labels<"tessera_redis_unavailable_total">>,
    usageFlushed: get("tessera_usage_flush_batches_total") as Counter<Labels<"tessera_usage_flush_batches_total">>,
    usageFlushLastSuccess: get("tessera_usage_flush_last_success_timestamp_seconds") as Gauge,
    usageFlushInterval,
    webhooks: get("tessera_webhook_events_total") as Counter<Labels<"tessera_webhook_events_total">>,
    meterReports: get("tessera_meter_reports_total") as Counter<Labels<"tessera_meter_reports_total">>,
    dunningDowngrades: get("tessera_dunning_downgrades_total") as Counter<Labels<"tessera_dunning_downgrades_total">>,
    webhookBacklog: get("tessera_webhook_backlog_events") as Gauge<Labels<"tessera_webhook_backlog_events">>,
    webhookLag: get("tessera_webhook_lag_seconds") as Gauge<Labels<"tessera_webhook_lag_seconds">>,
    cacheEvents: get("tessera_cache_events_total") as Counter<Labels<"tessera_cache_events_total">>,
    cacheFillSeconds: get("tessera_cache_fill_duration_seconds") as Histogram<
      Labels<"tessera_cache_fill_duration_seconds">
    >,
    cacheRedisErrors: get("tessera_cache_redis_errors_total") as Counter,
  };
}

export function metrics(): Metrics {
  return (globalForMetrics.__tesseraMetrics ??= createMetrics());
}

/** Registers the flusher's interval gauge (called when a process starts its usage flusher). */
export function noteUsageFlusher(intervalSeconds: number): void {
  const m = metrics();
  if (!m.registry.getSingleMetric("tessera_usage_flush_interval_seconds"))
    m.registry.registerMetric(m.usageFlushInterval);
  m.usageFlushInterval.set(intervalSeconds);
  // A flusher that just started counts as fresh: "stalled" means no success for several intervals.
  m.usageFlushLastSuccess.set(Date.now() / 1000);
}
