// The metric catalogue: every metric family Tessera exports, in one place. The registry
// (metrics.ts) is built from it, docs/monitoring.md lists it, and the monitoring tests check the
// alert rules' and dashboards' PromQL against it. Adding a metric = one entry here (plus the code
// that records it); see docs/monitoring.md, "Adding a metric".
//
// Label values are always bounded sets (route templates, tiers, enum values, outcome words),
// never ids, e-mail addresses or free text: each distinct label set is a time series kept for
// weeks by Prometheus.
//
// No imports from the rest of the app: tests and scripts read this file on its own.

export type MetricType = "counter" | "gauge" | "histogram";

/** Where a value comes from: counted as things happen, or computed at scrape time. */
export type MetricSource = "event" | "scrape";

export interface MetricDefinition {
  name: string;
  type: MetricType;
  help: string;
  labels: readonly string[];
  source: MetricSource;
  /** Dashboard/guide group. */
  group: "http" | "business" | "billing" | "usage" | "platform";
  buckets?: readonly number[];
}

/** Request durations: 5 ms … 10 s, dense around the 200 ms average-response goal. */
export const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10] as const;

/** The prefix of prom-client's default process and Node.js runtime metrics. */
export const DEFAULT_METRICS_PREFIX = "tessera_";

export const METRIC_CATALOGUE = [
  // --- HTTP: every request the Node server answers (pages, server actions, route handlers) ---
  {
    name: "tessera_http_requests_total",
    type: "counter",
    help: "Requests answered, by route template (e.g. /t/[slug]/members), method, status and kind (page, action, route, asset, other).",
    labels: ["route", "method", "status", "kind"],
    source: "event",
    group: "http",
  },
  {
    name: "tessera_http_request_duration_seconds",
    type: "histogram",
    help: "Time from the request's arrival to the end of its response, by route template, method and status.",
    labels: ["route", "method", "status"],
    source: "event",
    group: "http",
    buckets: HTTP_BUCKETS,
  },
  {
    name: "tessera_http_requests_in_flight",
    type: "gauge",
    help: "Requests received and not yet answered.",
    labels: [],
    source: "event",
    group: "http",
  },
  {
    name: "tessera_api_requests_total",
    type: "counter",
    help: "Public API (v1) requests by route template and status code.",
    labels: ["route", "status"],
    source: "event",
    group: "http",
  },
  {
    name: "tessera_api_request_duration_seconds",
    type: "histogram",
    help: "Public API (v1) handling time by route template.",
    labels: ["route"],
    source: "event",
    group: "http",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  },
  {
    name: "tessera_rate_limited_total",
    type: "counter",
    help: "Requests refused with 429, by reason (burst_limit, monthly_quota, sign_in, or an abuse-limit kind).",
    labels: ["reason"],
    source: "event",
    group: "http",
  },
  // --- Platform dependencies -----------------------------------------------------------------
  {
    name: "tessera_redis_unavailable_total",
    type: "counter",
    help: "Times Redis could not be reached, by purpose and the decision taken (fail_open / fail_closed).",
    labels: ["purpose", "decision"],
    source: "event",
    group: "platform",
  },
  {
    name: "tessera_redis_up",
    type: "gauge",
    help: "1 when this process reached Redis (or its embedded store) at the last scrape, else 0.",
    labels: ["kind"],
    source: "scrape",
    group: "platform",
  },
  {
    name: "tessera_database_up",
    type: "gauge",
    help: "1 when this process reached its database at the last scrape, else 0.",
    labels: ["kind"],
    source: "scrape",
    group: "platform",
  },
  {
    name: "tessera_business_metrics_scrape_duration_seconds",
    type: "gauge",
    help: "Time the last computation of the business gauges took (they are cached between scrapes).",
    labels: [],
    source: "scrape",
    group: "platform",
  },
  {
    name: "tessera_build_info",
    type: "gauge",
    help: "Always 1; the version label says which build this process runs.",
    labels: ["version"],
    source: "scrape",
    group: "platform",
  },
  // --- Usage metering ------------------------------------------------------------------------
  {
    name: "tessera_usage_flush_batches_total",
    type: "counter",
    help: "Usage counter batches moved from Redis into PostgreSQL, by outcome (applied, duplicate, orphaned, failed).",
    labels: ["outcome"],
    source: "event",
    group: "usage",
  },
  {
    name: "tessera_usage_flush_last_success_timestamp_seconds",
    type: "gauge",
    help: "Unix time of this process's last completed usage flush run (0 before the first).",
    labels: [],
    source: "event",
    group: "usage",
  },
  {
    name: "tessera_usage_flush_interval_seconds",
    type: "gauge",
    help: "The usage flusher's configured interval; absent when this process runs no flusher.",
    labels: [],
    source: "event",
    group: "usage",
  },
  // --- Billing -------------------------------------------------------------------------------
  {
    name: "tessera_webhook_events_total",
    type: "counter",
    help: "Payment webhooks by provider and outcome (processed, duplicate, ignored, failed, rejected).",
    labels: ["provider", "outcome"],
    source: "event",
    group: "billing",
  },
  {
    name: "tessera_webhook_backlog",
    type: "gauge",
    help: "Stored webhook events not processed yet, by provider and status (received, failed).",
    labels: ["provider", "status"],
    source: "scrape",
    group: "billing",
  },
  {
    name: "tessera_webhook_oldest_pending_age_seconds",
    type: "gauge",
    help: "Age of the oldest webhook event still waiting (received or failed), 0 when none wait.",
    labels: [],
    source: "scrape",
    group: "billing",
  },
  {
    name: "tessera_webhook_backlog_events",
    type: "gauge",
    help: "Webhook events the workers should process now (stored and not processed, or failed and due for a retry), by provider.",
    labels: ["provider"],
    source: "scrape",
    group: "billing",
  },
  {
    name: "tessera_webhook_lag_seconds",
    type: "gauge",
    help: "How long the oldest webhook event due for processing has waited, by provider (0 when none waits).",
    labels: ["provider"],
    source: "scrape",
    group: "billing",
  },
  // --- Cache -----------------------------------------------------------------------------------
  {
    name: "tessera_cache_events_total",
    type: "counter",
    help: "Read-through cache events by namespace: hits, misses, stale (served while refilled), fills, errors, invalidations.",
    labels: ["namespace", "event"],
    source: "event",
    group: "platform",
  },
  {
    name: "tessera_cache_fill_duration_seconds",
    type: "histogram",
    help: "Time the read-through cache spent loading a value from its source, by namespace.",
    labels: ["namespace"],
    source: "event",
    group: "platform",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  },
  {
    name: "tessera_cache_redis_errors_total",
    type: "counter",
    help: "Cache operations that could not reach Redis; the source was read instead.",
    labels: [],
    source: "event",
    group: "platform",
  },
  // --- LLM: every assistant turn (lib/assistants/metrics.ts), by provider (openai, anthropic,
  // openai-compatible, local). Error rate = outcome="error"|"timeout" over all turns. ---
  {
    name: "tessera_llm_requests_total",
    type: "counter",
    help: "Assistant turns answered by an LLM provider, by provider and outcome (ok, error, timeout, stopped).",
    labels: ["provider", "outcome"],
    source: "event",
    group: "platform",
  },
  {
    name: "tessera_llm_tokens_total",
    type: "counter",
    help: "LLM tokens metered for assistant turns, by provider and direction (input, output).",
    labels: ["provider", "direction"],
    source: "event",
    group: "platform",
  },
  {
    name: "tessera_llm_request_duration_seconds",
    type: "histogram",
    help: "Time of an assistant turn from the model call to its last streamed chunk (all steps and tools), by provider and outcome.",
    labels: ["provider", "outcome"],
    source: "event",
    group: "platform",
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120],
  },
  {
    name: "tessera_llm_time_to_first_token_seconds",
    type: "histogram",
    help: "Time from the model call to its first streamed text or tool call, by provider.",
    labels: ["provider"],
    source: "event",
    group: "platform",
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  },
  {
    name: "tessera_meter_reports_total",
    type: "counter",
    help: "Hourly metered-usage reports by provider and outcome (sent, recorded locally, failed, expired).",
    labels: ["provider", "outcome"],
    source: "event",
    group: "billing",
  },
  {
    name: "tessera_dunning_downgrades_total",
    type: "counter",
    help: "Subscriptions canceled and tenants moved to FREE after the dunning grace period, by provider.",
    labels: ["provider"],
    source: "event",
    group: "billing",
  },
  {
    name: "tessera_dunning_accounts",
    type: "gauge",
    help: "Billing accounts in dunning (a renewal payment failed and was not recovered yet), by tier.",
    labels: ["tier"],
    source: "scrape",
    group: "billing",
  },
  {
    name: "tessera_payments_24h",
    type: "gauge",
    help: "Payments created by the providers in the last 24 hours, by provider and status (pending, succeeded, failed).",
    labels: ["provider", "status"],
    source: "scrape",
    group: "billing",
  },
  // --- Business (computed from the database at scrape time, cached briefly) ------------------
  {
    name: "tessera_tenants",
    type: "gauge",
    help: "Tenants by paid tier and status (active, suspended, deleted); purged tombstones excluded.",
    labels: ["tier", "status"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_tenants_trialing",
    type: "gauge",
    help: "Tenants in a running trial, by the tier they are trying.",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_subscriptions",
    type: "gauge",
    help: "Subscriptions by provider, tier and status.",
    labels: ["provider", "tier", "status"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_subscriptions_started_30d",
    type: "gauge",
    help: "Subscriptions the providers created in the last 30 days, by tier (new paying customers and trial conversions).",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_subscriptions_canceled_30d",
    type: "gauge",
    help: "Subscriptions canceled in the last 30 days, by tier (churn).",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_mrr_minor_units",
    type: "gauge",
    help: "Monthly recurring revenue in minor currency units (cents), by tier and currency; yearly plans count a twelfth.",
    labels: ["tier", "currency"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_users",
    type: "gauge",
    help: "User accounts on the platform.",
    labels: [],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_active_users",
    type: "gauge",
    help: "Distinct users who belong to at least one active tenant (sessions are stateless JWTs, so there is no per-user last-seen time).",
    labels: [],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_active_tenants",
    type: "gauge",
    help: "Tenants with API calls flushed in the window (1d, 7d, 30d).",
    labels: ["window"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_seats_used",
    type: "gauge",
    help: "Memberships of active tenants, by effective tier.",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_seats_limit",
    type: "gauge",
    help: "Sum of the seat limits of active tenants with a limited tier, by effective tier.",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_tenants_at_seat_limit",
    type: "gauge",
    help: "Active tenants whose members fill their tier's seat limit, by effective tier.",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_api_calls_month",
    type: "gauge",
    help: "API calls this calendar month already flushed to the database, by effective tier.",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_api_quota_month",
    type: "gauge",
    help: "Sum of the monthly API-call quotas of active tenants with a limited tier, by effective tier.",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
  {
    name: "tessera_tenants_near_quota",
    type: "gauge",
    help: "Active tenants that used at least 80% of their monthly API quota, by effective tier.",
    labels: ["tier"],
    source: "scrape",
    group: "business",
  },
] as const satisfies readonly MetricDefinition[];

export type MetricName = (typeof METRIC_CATALOGUE)[number]["name"];

/**
 * prom-client's default process and runtime metrics (collectDefaultMetrics with the prefix), with
 * their label names: dashboards' resource panels use these, not an exporter the app does not ship.
 */
interface DefaultMetric {
  name: string;
  type: MetricType;
  labels: readonly string[];
  help: string;
}

export const DEFAULT_METRICS: readonly DefaultMetric[] = (
  [
    { name: "process_cpu_user_seconds_total", type: "counter", labels: [], help: "User CPU time spent in seconds." },
    {
      name: "process_cpu_system_seconds_total",
      type: "counter",
      labels: [],
      help: "System CPU time spent in seconds.",
    },
    { name: "process_cpu_seconds_total", type: "counter", labels: [], help: "Total user and system CPU time." },
    {
      name: "process_start_time_seconds",
      type: "gauge",
      labels: [],
      help: "Start time of the process (Unix seconds).",
    },
    { name: "process_resident_memory_bytes", type: "gauge", labels: [], help: "Resident memory size in bytes." },
    { name: "process_virtual_memory_bytes", type: "gauge", labels: [], help: "Virtual memory size in bytes." },
    { name: "process_heap_bytes", type: "gauge", labels: [], help: "Process heap size in bytes." },
    { name: "process_open_fds", type: "gauge", labels: [], help: "Number of open file descriptors." },
    { name: "process_max_fds", type: "gauge", labels: [], help: "Maximum number of open file descriptors." },
    { name: "nodejs_eventloop_lag_seconds", type: "gauge", labels: [], help: "Event loop lag in seconds." },
    { name: "nodejs_eventloop_lag_min_seconds", type: "gauge", labels: [], help: "Minimum recorded event loop delay." },
    { name: "nodejs_eventloop_lag_max_seconds", type: "gauge", labels: [], help: "Maximum recorded event loop delay." },
    {
      name: "nodejs_eventloop_lag_mean_seconds",
      type: "gauge",
      labels: [],
      help: "Mean of recorded event loop delays.",
    },
    {
      name: "nodejs_eventloop_lag_stddev_seconds",
      type: "gauge",
      labels: [],
      help: "Standard deviation of event loop delays.",
    },
    {
      name: "nodejs_eventloop_lag_p50_seconds",
      type: "gauge",
      labels: [],
      help: "50th percentile of event loop delays.",
    },
    {
      name: "nodejs_eventloop_lag_p90_seconds",
      type: "gauge",
      labels: [],
      help: "90th percentile of event loop delays.",
    },
    {
      name: "nodejs_eventloop_lag_p99_seconds",
      type: "gauge",
      labels: [],
      help: "99th percentile of event loop delays.",
    },
    // prom-client's nodejs_active_{resources,handles,requests}_total gauges are not exported: a
    // gauge named _total breaks Prometheus's naming rules (promtool check metrics, e2e/metrics.spec.ts);
    // sum() of the by-type gauges gives the same totals.
    {
      name: "nodejs_active_resources",
      type: "gauge",
      labels: ["type"],
      help: "Active resources keeping the event loop alive.",
    },
    { name: "nodejs_active_handles", type: "gauge", labels: ["type"], help: "Active libuv handles by type." },
    { name: "nodejs_active_requests", type: "gauge", labels: ["type"], help: "Active libuv requests by type." },
    { name: "nodejs_heap_size_total_bytes", type: "gauge", labels: [], help: "Process heap size from Node.js." },
    { name: "nodejs_heap_size_used_bytes", type: "gauge", labels: [], help: "Process heap size used from Node.js." },
    { name: "nodejs_external_memory_bytes", type: "gauge", labels: [], help: "Node.js external memory size." },
    { name: "nodejs_heap_space_size_total_bytes", type: "gauge", labels: ["space"], help: "Heap space size by space." },
    { name: "nodejs_heap_space_size_used_bytes", type: "gauge", labels: ["space"], help: "Heap space used by space." },
    {
      name: "nodejs_heap_space_size_available_bytes",
      type: "gauge",
      labels: ["space"],
      help: "Heap space available by space.",
    },
    {
      name: "nodejs_version_info",
      type: "gauge",
      labels: ["version", "major", "minor", "patch"],
      help: "Node.js version.",
    },
    {
      name: "nodejs_gc_duration_seconds",
      type: "histogram",
      labels: ["kind"],
      help: "Garbage collection duration by kind.",
    },
  ] satisfies DefaultMetric[]
).map((metric) => ({ ...metric, name: DEFAULT_METRICS_PREFIX + metric.name }));

/**
 * Every series name a PromQL expression may use, with the labels it carries: histograms add
 * _bucket (with le), _sum and _count; Prometheus adds `job` and `instance` to every series.
 */
export function exposedSeries(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const target = ["job", "instance"];
  for (const metric of [...METRIC_CATALOGUE, ...DEFAULT_METRICS]) {
    const labels = [...metric.labels, ...target];
    if (metric.type === "histogram") {
      out.set(`${metric.name}_bucket`, new Set([...labels, "le"]));
      out.set(`${metric.name}_sum`, new Set(labels));
      out.set(`${metric.name}_count`, new Set(labels));
    } else {
      out.set(metric.name, new Set(labels));
    }
  }
  out.set("up", new Set(target));
  return out;
}
