// Writes the three Grafana dashboards of monitoring/grafana/dashboards/ from the definitions
// below (one place to read every panel's PromQL). Run after changing a panel:
//   npx tsx scripts/grafana-dashboards.ts
// tests/integration/monitoring-files.test.ts checks every expression against the metric catalogue.
import { writeFileSync } from "node:fs";
import path from "node:path";

import prettier from "prettier";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "monitoring", "grafana", "dashboards");
const datasource = { type: "prometheus", uid: "tessera-prometheus" };

/** A query of a panel: its PromQL and, optionally, the legend. */
type Query = [expr: string, legendFormat?: string];
interface GridPos {
  w: number;
  h: number;
  x: number;
  y: number;
}
/** A panel or a row as the dashboard JSON has it (the fields layout() needs, then the rest). */
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: GridPos;
  [field: string]: unknown;
}
interface PanelOptions {
  w?: number;
  h?: number;
  unit?: string;
  description?: string;
  stack?: boolean;
  min?: number;
}

let nextId = 1;
function panel(
  type: string,
  title: string,
  targets: Query[],
  { w = 8, h = 8, unit, description, stack = false, min }: PanelOptions = {},
): Panel {
  return {
    id: nextId++,
    type,
    title,
    ...(description ? { description } : {}),
    datasource,
    gridPos: { w, h, x: 0, y: 0 },
    targets: targets.map(([expr, legendFormat], index) => ({
      refId: String.fromCharCode(65 + index),
      datasource,
      expr,
      legendFormat: legendFormat ?? "",
      ...(type === "stat" || type === "gauge" || type === "bargauge" ? { instant: true } : {}),
    })),
    fieldConfig: {
      defaults: {
        ...(unit ? { unit } : {}),
        ...(min !== undefined ? { min } : {}),
        ...(type === "timeseries" && stack ? { custom: { stacking: { mode: "normal" }, fillOpacity: 30 } } : {}),
      },
      overrides: [],
    },
    options: type === "stat" ? { reduceOptions: { calcs: ["lastNotNull"] }, colorMode: "value" } : {},
  };
}

function row(title: string): Panel {
  return { id: nextId++, type: "row", title, collapsed: false, gridPos: { w: 24, h: 1, x: 0, y: 0 }, panels: [] };
}

/** Lays panels out left to right, wrapping at 24 columns. */
function layout(panels: Panel[]): Panel[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const p of panels) {
    const { w, h } = p.gridPos;
    if (p.type === "row" || x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    p.gridPos = { w, h, x, y };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    if (p.type === "row") {
      x = 0;
      y += h;
      rowHeight = 0;
    }
  }
  return panels;
}

function dashboard(uid: string, title: string, description: string, tags: string[], panels: Panel[], time = "now-24h") {
  nextId = 1;
  return {
    uid,
    title,
    description,
    tags: ["tessera", ...tags],
    timezone: "utc",
    editable: false,
    schemaVersion: 39,
    version: 1,
    refresh: "1m",
    time: { from: time, to: "now" },
    templating: {
      list: [
        {
          name: "instance",
          type: "query",
          datasource,
          query: { query: 'label_values(up{job="tessera"}, instance)', refId: "instance" },
          definition: 'label_values(up{job="tessera"}, instance)',
          includeAll: true,
          multi: true,
          current: { text: "All", value: "$__all" },
          refresh: 2,
        },
      ],
    },
    annotations: { list: [] },
    links: [{ title: "Tessera dashboards", type: "dashboards", tags: ["tessera"], asDropdown: true }],
    panels: layout(panels),
  };
}

const I = 'instance=~"$instance"';
// Business gauges are database-wide: every instance reports the same value, so take the max over
// instances before summing over other labels (never sum across instances).
const MAXI = (expr: string): string => `max without (instance, job) (${expr})`;

const business = () =>
  dashboard(
    "tessera-business",
    "Tessera — Business metrics",
    "Revenue, users, conversions, MRR, customer lifetime value, churn and growth (database-wide gauges).",
    ["business"],
    [
      row("Revenue"),
      panel("stat", "MRR", [[`sum by (currency) (${MAXI("tessera_mrr_minor_units")}) / 100`, "{{currency}}"]], {
        w: 6,
        h: 5,
        unit: "none",
        description: "Monthly recurring revenue per currency (major units). Yearly plans count a twelfth.",
      }),
      panel("stat", "ARR", [[`12 * sum by (currency) (${MAXI("tessera_mrr_minor_units")}) / 100`, "{{currency}}"]], {
        w: 6,
        h: 5,
        description: "Annual run rate: 12 × MRR.",
      }),
      panel(
        "stat",
        "MRR growth (30 days)",
        [
          [
            `sum by (currency) (${MAXI("tessera_mrr_minor_units")}) / sum by (currency) (${MAXI("tessera_mrr_minor_units offset 30d")}) - 1`,
            "{{currency}}",
          ],
        ],
        { w: 6, h: 5, unit: "percentunit", description: "MRR now against MRR 30 days ago." },
      ),
      panel(
        "stat",
        "Customer lifetime value",
        [
          [
            `(sum by (currency) (${MAXI("tessera_mrr_minor_units")}) / 100) / scalar(sum(${MAXI('tessera_subscriptions{status=~"active|past_due"}')})) / scalar(clamp_min(sum(${MAXI("tessera_subscriptions_canceled_30d")}) / (sum(${MAXI('tessera_subscriptions{status=~"active|past_due"}')}) + sum(${MAXI("tessera_subscriptions_canceled_30d")})), 0.01))`,
            "{{currency}}",
          ],
        ],
        {
          w: 6,
          h: 5,
          description: "Average revenue per paying subscription ÷ monthly churn (churn floored at 1%).",
        },
      ),
      panel(
        "timeseries",
        "MRR by tier",
        [[`sum by (tier, currency) (${MAXI("tessera_mrr_minor_units")}) / 100`, "{{tier}} ({{currency}})"]],
        {
          w: 12,
          stack: true,
        },
      ),
      panel(
        "timeseries",
        "Payments in the last 24 hours",
        [[`sum by (status) (${MAXI("tessera_payments_24h")})`, "{{status}}"]],
        { w: 12 },
      ),
      row("Customers"),
      panel(
        "stat",
        "Paying subscriptions",
        [[`sum(${MAXI('tessera_subscriptions{status=~"active|past_due"}')})`, ""]],
        {
          w: 6,
          h: 5,
        },
      ),
      panel("stat", "Running trials", [[`sum(${MAXI("tessera_tenants_trialing")})`, ""]], { w: 6, h: 5 }),
      panel(
        "stat",
        "Users",
        [
          [MAXI("tessera_users"), "all users"],
          [MAXI("tessera_active_users"), "in active tenants"],
        ],
        {
          w: 6,
          h: 5,
        },
      ),
      panel(
        "stat",
        "Monthly churn",
        [
          [
            `sum(${MAXI("tessera_subscriptions_canceled_30d")}) / (sum(${MAXI('tessera_subscriptions{status=~"active|past_due"}')}) + sum(${MAXI("tessera_subscriptions_canceled_30d")}))`,
            "",
          ],
        ],
        {
          w: 6,
          h: 5,
          unit: "percentunit",
          description: "Subscriptions canceled in 30 days ÷ (paying + canceled). Goal < 5%.",
        },
      ),
      panel(
        "timeseries",
        "Conversions and cancellations (30-day windows)",
        [
          [`sum(${MAXI("tessera_subscriptions_started_30d")})`, "new subscriptions"],
          [`sum(${MAXI("tessera_subscriptions_canceled_30d")})`, "canceled"],
          [`sum(${MAXI("tessera_tenants_trialing")})`, "running trials"],
        ],
        { w: 12 },
      ),
      panel("timeseries", "Tenant growth", [[`sum by (status) (${MAXI("tessera_tenants")})`, "{{status}}"]], {
        w: 12,
        stack: true,
      }),
      row("Collections"),
      panel(
        "timeseries",
        "Accounts in dunning",
        [[`sum by (tier) (${MAXI("tessera_dunning_accounts")})`, "{{tier}}"]],
        {
          w: 12,
          stack: true,
        },
      ),
      panel(
        "timeseries",
        "Dunning downgrades",
        [[`sum by (provider) (increase(tessera_dunning_downgrades_total{${I}}[1h]))`, "{{provider}}"]],
        { w: 12 },
      ),
    ],
    "now-30d",
  );

const system = () =>
  dashboard(
    "tessera-system",
    "Tessera — System performance & SLA",
    "Latency p50/p95/p99, error rates, availability against the 99.9% SLO, and the app's own process and runtime resources.",
    ["sla", "performance"],
    [
      row("SLA"),
      panel(
        "stat",
        "Availability (30 days)",
        [
          [
            `1 - sum(increase(tessera_http_requests_total{${I},kind!="asset",status=~"5.."}[30d])) / sum(increase(tessera_http_requests_total{${I},kind!="asset"}[30d]))`,
            "",
          ],
        ],
        { w: 6, h: 5, unit: "percentunit", description: "Requests answered without a 5xx. SLO 99.9%." },
      ),
      panel(
        "stat",
        "Error rate (5 minutes)",
        [
          [
            `sum(rate(tessera_http_requests_total{${I},kind!="asset",status=~"5.."}[5m])) / sum(rate(tessera_http_requests_total{${I},kind!="asset"}[5m]))`,
            "",
          ],
        ],
        { w: 6, h: 5, unit: "percentunit", description: "Goal < 0.1%." },
      ),
      panel(
        "stat",
        "Average response",
        [
          [
            `sum(rate(tessera_http_request_duration_seconds_sum{${I},route!="/_next/*"}[5m])) / sum(rate(tessera_http_request_duration_seconds_count{${I},route!="/_next/*"}[5m]))`,
            "",
          ],
        ],
        { w: 6, h: 5, unit: "s", description: "Goal < 200 ms." },
      ),
      panel("stat", "Uptime", [[`time() - tessera_process_start_time_seconds{${I}}`, "{{instance}}"]], {
        w: 6,
        h: 5,
        unit: "s",
      }),
      panel(
        "timeseries",
        "Latency p50 / p95 / p99",
        [0.5, 0.95, 0.99].map((q) => [
          `histogram_quantile(${q}, sum by (le) (rate(tessera_http_request_duration_seconds_bucket{${I},route!="/_next/*"}[5m])))`,
          `p${Math.round(q * 100)}`,
        ]),
        { w: 12, unit: "s" },
      ),
      panel(
        "timeseries",
        "Requests per second by status",
        [[`sum by (status) (rate(tessera_http_requests_total{${I}}[5m]))`, "{{status}}"]],
        { w: 12, unit: "reqps", stack: true },
      ),
      panel(
        "timeseries",
        "Error budget burn rate (1h)",
        [
          [
            `(sum(rate(tessera_http_requests_total{${I},kind!="asset",status=~"5.."}[1h])) / sum(rate(tessera_http_requests_total{${I},kind!="asset"}[1h]))) / 0.001`,
            "burn rate",
          ],
        ],
        { w: 12, description: "1 = spending the 0.1% budget exactly over 30 days; 14.4 pages." },
      ),
      panel(
        "table",
        "Slowest routes (p99, 1h)",
        [
          [
            `topk(10, histogram_quantile(0.99, sum by (route, le) (rate(tessera_http_request_duration_seconds_bucket{${I},route!="/_next/*"}[1h]))))`,
            "{{route}}",
          ],
        ],
        { w: 12, unit: "s" },
      ),
      row("Traffic"),
      panel(
        "timeseries",
        "Requests by kind",
        [[`sum by (kind) (rate(tessera_http_requests_total{${I}}[5m]))`, "{{kind}}"]],
        { w: 12, unit: "reqps", stack: true },
      ),
      panel(
        "timeseries",
        "5xx by route",
        [[`sum by (route) (rate(tessera_http_requests_total{${I},status=~"5.."}[5m]))`, "{{route}}"]],
        { w: 12, unit: "reqps" },
      ),
      panel(
        "timeseries",
        "429s by reason",
        [[`sum by (reason) (rate(tessera_rate_limited_total{${I}}[5m]))`, "{{reason}}"]],
        { w: 12, unit: "reqps" },
      ),
      panel(
        "timeseries",
        "In-flight requests",
        [[`sum by (instance) (tessera_http_requests_in_flight{${I}})`, "{{instance}}"]],
        {
          w: 12,
        },
      ),
      row("Dependencies"),
      panel("stat", "Instances up", [[`sum(up{job="tessera"})`, "up"]], { w: 6, h: 5 }),
      panel("stat", "Database reachable", [[`min(tessera_database_up{${I}})`, ""]], { w: 6, h: 5 }),
      panel("stat", "Redis reachable", [[`min(tessera_redis_up{${I}})`, ""]], { w: 6, h: 5 }),
      panel(
        "stat",
        "Usage flush age",
        [[`time() - max(tessera_usage_flush_last_success_timestamp_seconds{${I}})`, ""]],
        { w: 6, h: 5, unit: "s", description: "Time since the last completed usage flush." },
      ),
      panel(
        "timeseries",
        "Redis fallbacks",
        [
          [
            `sum by (purpose, decision) (increase(tessera_redis_unavailable_total{${I}}[5m]))`,
            "{{purpose}} ({{decision}})",
          ],
        ],
        { w: 12 },
      ),
      panel(
        "timeseries",
        "Usage flush batches",
        [[`sum by (outcome) (increase(tessera_usage_flush_batches_total{${I}}[5m]))`, "{{outcome}}"]],
        { w: 12 },
      ),
      row("Resources (the app's own process metrics)"),
      panel("timeseries", "CPU", [[`rate(tessera_process_cpu_seconds_total{${I}}[5m])`, "{{instance}}"]], {
        w: 8,
        unit: "percentunit",
      }),
      panel(
        "timeseries",
        "Memory",
        [
          [`tessera_process_resident_memory_bytes{${I}}`, "resident {{instance}}"],
          [`tessera_nodejs_heap_size_used_bytes{${I}}`, "heap used {{instance}}"],
        ],
        { w: 8, unit: "bytes" },
      ),
      panel("timeseries", "Event-loop lag p99", [[`tessera_nodejs_eventloop_lag_p99_seconds{${I}}`, "{{instance}}"]], {
        w: 8,
        unit: "s",
      }),
      panel(
        "timeseries",
        "GC time",
        [[`sum by (kind) (rate(tessera_nodejs_gc_duration_seconds_sum{${I}}[5m]))`, "{{kind}}"]],
        { w: 8, unit: "s" },
      ),
      panel("timeseries", "Open file descriptors", [[`tessera_process_open_fds{${I}}`, "{{instance}}"]], { w: 8 }),
      panel(
        "timeseries",
        "Active handles",
        [[`sum by (instance) (tessera_nodejs_active_handles{${I}})`, "{{instance}}"]],
        { w: 8 },
      ),
    ],
  );

const tenants = () =>
  dashboard(
    "tessera-tenants",
    "Tessera — Multi-tenant SaaS",
    "Tenants by tier, MRR by tier, usage patterns and limit tracking.",
    ["tenants"],
    [
      row("Tenants"),
      panel(
        "bargauge",
        "Tenants by tier",
        [[`sum by (tier) (${MAXI('tessera_tenants{status="active"}')})`, "{{tier}}"]],
        {
          w: 8,
        },
      ),
      panel("piechart", "Tenants by status", [[`sum by (status) (${MAXI("tessera_tenants")})`, "{{status}}"]], {
        w: 8,
      }),
      panel("bargauge", "Trials by tier", [[`sum by (tier) (${MAXI("tessera_tenants_trialing")})`, "{{tier}}"]], {
        w: 8,
      }),
      panel(
        "timeseries",
        "MRR by tier",
        [[`sum by (tier, currency) (${MAXI("tessera_mrr_minor_units")}) / 100`, "{{tier}} ({{currency}})"]],
        {
          w: 12,
          stack: true,
        },
      ),
      panel(
        "timeseries",
        "Subscriptions by provider",
        [[`sum by (provider, status) (${MAXI("tessera_subscriptions")})`, "{{provider}} {{status}}"]],
        { w: 12 },
      ),
      row("Limits"),
      panel(
        "bargauge",
        "Seats used vs limit",
        [
          [
            `sum by (tier) (${MAXI("tessera_seats_used")}) / sum by (tier) (${MAXI("tessera_seats_limit")})`,
            "{{tier}}",
          ],
        ],
        { w: 8, unit: "percentunit", min: 0 },
      ),
      panel(
        "bargauge",
        "API quota used this month",
        [
          [
            `sum by (tier) (${MAXI("tessera_api_calls_month")}) / sum by (tier) (${MAXI("tessera_api_quota_month")})`,
            "{{tier}}",
          ],
        ],
        { w: 8, unit: "percentunit", min: 0 },
      ),
      panel(
        "table",
        "Tenants at their limits",
        [
          [`sum by (tier) (${MAXI("tessera_tenants_at_seat_limit")})`, "seats full {{tier}}"],
          [`sum by (tier) (${MAXI("tessera_tenants_near_quota")})`, "quota ≥ 80% {{tier}}"],
        ],
        { w: 8 },
      ),
      row("Usage patterns"),
      panel("timeseries", "Active tenants (with API calls)", [[`${MAXI("tessera_active_tenants")}`, "{{window}}"]], {
        w: 12,
      }),
      panel(
        "timeseries",
        "API calls this month by tier",
        [[`sum by (tier) (${MAXI("tessera_api_calls_month")})`, "{{tier}}"]],
        { w: 12, stack: true },
      ),
      panel(
        "timeseries",
        "Public API requests by route",
        [[`topk(10, sum by (route) (rate(tessera_api_requests_total{${I}}[5m])))`, "{{route}}"]],
        { w: 12, unit: "reqps" },
      ),
      panel(
        "timeseries",
        "Limit refusals (429) by reason",
        [[`sum by (reason) (increase(tessera_rate_limited_total{${I}}[1h]))`, "{{reason}}"]],
        { w: 12 },
      ),
      row("Billing pipelines"),
      panel(
        "timeseries",
        "Webhooks by outcome",
        [[`sum by (provider, outcome) (increase(tessera_webhook_events_total{${I}}[1h]))`, "{{provider}} {{outcome}}"]],
        { w: 8 },
      ),
      panel(
        "timeseries",
        "Webhook backlog",
        [[`sum by (provider, status) (${MAXI("tessera_webhook_backlog")})`, "{{provider}} {{status}}"]],
        { w: 8 },
      ),
      panel(
        "timeseries",
        "Metered usage reports",
        [[`sum by (provider, outcome) (increase(tessera_meter_reports_total{${I}}[1h]))`, "{{provider}} {{outcome}}"]],
        { w: 8 },
      ),
    ],
  );

for (const [file, build] of [
  ["tessera-business.json", business],
  ["tessera-system.json", system],
  ["tessera-tenants.json", tenants],
] as const) {
  const target = path.join(out, file);
  const options = (await prettier.resolveConfig(target)) ?? {};
  writeFileSync(target, await prettier.format(JSON.stringify(build()), { ...options, parser: "json" }));
  console.log(`wrote monitoring/grafana/dashboards/${file}`);
}
