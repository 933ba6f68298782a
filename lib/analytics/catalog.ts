// The metric catalog: one typed registry every reader uses — the API (GET /api/v1/analytics/metrics),
// the trend and CSV endpoints, the dashboard builder's pickers and docs/metrics.md (a test checks
// that every metric here is documented there).
import { z } from "zod";

export const GRAINS = ["hour", "day", "week", "month"] as const;
export type Grain = (typeof GRAINS)[number];

export const UNITS = ["count", "users", "percent", "ms", "money", "ratio"] as const;
export type Unit = (typeof UNITS)[number];

/** Who may read a metric: a workspace (its own figures), the operator (all tenants), or both. */
export type Audience = "tenant" | "platform" | "both";

export interface MetricDef {
  name: string;
  label: string;
  unit: Unit;
  /** One sentence; the full definition is in docs/metrics.md under the same name. */
  definition: string;
  /** Where the figures come from. */
  source: string;
  /** The finest grain it is stored at; coarser grains are sums (or re-computed for distinct counts). */
  grain: Grain;
  /** Dimensions a trend may be grouped by. */
  dimensions: readonly string[];
  audience: Audience;
  /** "series": has an hourly/daily trend; "kpi": a monthly KPI (trend grain month only). */
  kind: "series" | "kpi";
  /** true: a higher value is better (for the change arrow's colour). */
  higherIsBetter: boolean;
}

const def = <const T extends MetricDef>(m: T) => m;

export const METRICS = [
  def({
    name: "api_calls",
    label: "API calls",
    unit: "count",
    definition: "Calls to /api/v1 that passed authentication, counted when answered.",
    source: "analytics_api_hourly (Redis minute counters flushed hourly)",
    grain: "hour",
    dimensions: ["route", "status"],
    audience: "both",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "api_errors",
    label: "API errors",
    unit: "count",
    definition: "Calls answered with a status of 400 or more.",
    source: "analytics_api_hourly",
    grain: "hour",
    dimensions: ["route", "status"],
    audience: "both",
    kind: "series",
    higherIsBetter: false,
  }),
  def({
    name: "api_success_rate",
    label: "API success rate",
    unit: "percent",
    definition: "Share of calls answered with a 2xx or 3xx status.",
    source: "analytics_api_hourly",
    grain: "hour",
    dimensions: ["route"],
    audience: "both",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "api_latency_p50",
    label: "API latency p50",
    unit: "ms",
    definition: "Median response time, interpolated within fixed latency buckets.",
    source: "analytics_api_hourly (latency histogram)",
    grain: "hour",
    dimensions: ["route"],
    audience: "both",
    kind: "series",
    higherIsBetter: false,
  }),
  def({
    name: "api_latency_p95",
    label: "API latency p95",
    unit: "ms",
    definition: "95th percentile response time, interpolated within fixed latency buckets.",
    source: "analytics_api_hourly (latency histogram)",
    grain: "hour",
    dimensions: ["route"],
    audience: "both",
    kind: "series",
    higherIsBetter: false,
  }),
  def({
    name: "api_latency_p99",
    label: "API latency p99",
    unit: "ms",
    definition: "99th percentile response time, interpolated within fixed latency buckets.",
    source: "analytics_api_hourly (latency histogram)",
    grain: "hour",
    dimensions: ["route"],
    audience: "both",
    kind: "series",
    higherIsBetter: false,
  }),
  def({
    name: "active_users",
    label: "Active users",
    unit: "users",
    definition: "Distinct users who signed in or used the workspace in the period (DAU at day grain).",
    source: "analytics_active_users (one row per user, workspace and day)",
    grain: "day",
    dimensions: [],
    audience: "both",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "custom_events",
    label: "Custom events",
    unit: "count",
    definition: "Sum of the values of the events a workspace records through POST /api/v1/usage/events.",
    source: "usage_events",
    grain: "hour",
    dimensions: ["event_name"],
    audience: "tenant",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "spend",
    label: "Spend",
    unit: "money",
    definition: "What the workspace paid: successful payments minus refunds, per currency.",
    source: "payments, refunds (billing ledger)",
    grain: "hour",
    dimensions: ["currency"],
    audience: "tenant",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "signups",
    label: "Sign-ups",
    unit: "users",
    definition: "New user accounts.",
    source: "users.createdAt",
    grain: "hour",
    dimensions: [],
    audience: "platform",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "workspaces_created",
    label: "Workspaces created",
    unit: "count",
    definition: "New workspaces (tenants).",
    source: "tenants.createdAt",
    grain: "hour",
    dimensions: ["tier"],
    audience: "platform",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "revenue",
    label: "Net revenue",
    unit: "money",
    definition: "Successful payments minus refunds, per currency (cash, not MRR).",
    source: "payments, refunds (billing ledger)",
    grain: "hour",
    dimensions: ["currency"],
    audience: "platform",
    kind: "series",
    higherIsBetter: true,
  }),
  def({
    name: "mrr",
    label: "MRR",
    unit: "money",
    definition: "Monthly recurring revenue at the month's end; yearly plans count a twelfth.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "arr",
    label: "ARR",
    unit: "money",
    definition: "12 × MRR.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "customers",
    label: "Paying customers",
    unit: "count",
    definition: "Workspaces with MRR > 0 at the month's end.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "arpu",
    label: "ARPU",
    unit: "money",
    definition: "MRR ÷ paying customers at the month's end.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "logo_churn",
    label: "Logo churn",
    unit: "percent",
    definition: "Customers lost in the month ÷ customers at its start.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: false,
  }),
  def({
    name: "revenue_churn",
    label: "Revenue churn",
    unit: "percent",
    definition: "(Churned + contraction MRR) ÷ MRR at the month's start.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: false,
  }),
  def({
    name: "nrr",
    label: "Net revenue retention",
    unit: "percent",
    definition: "MRR now of the customers paying at the month's start ÷ their MRR then.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "ltv",
    label: "LTV",
    unit: "money",
    definition: "ARPU ÷ logo churn pooled over the trailing three months.",
    source: "subscription_versions",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "ltv_observed",
    label: "Observed LTV",
    unit: "money",
    definition: "Net cash collected to date ÷ customers who ever paid.",
    source: "payments, refunds",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "cac",
    label: "CAC",
    unit: "money",
    definition: "Acquisition spend in the month ÷ new paying customers in the month.",
    source: "acquisition_spend (entered by the operator), subscription_versions",
    grain: "month",
    dimensions: ["currency", "channel"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: false,
  }),
  def({
    name: "ltv_cac",
    label: "LTV:CAC",
    unit: "ratio",
    definition: "LTV ÷ CAC.",
    source: "derived",
    grain: "month",
    dimensions: ["currency"],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "trial_conversion",
    label: "Trial-to-paid conversion",
    unit: "percent",
    definition: "Trials started in the month whose workspace later paid ÷ trials started.",
    source: "subscription_versions",
    grain: "month",
    dimensions: [],
    audience: "platform",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "mau",
    label: "MAU",
    unit: "users",
    definition: "Distinct users active in the calendar month.",
    source: "analytics_active_users",
    grain: "month",
    dimensions: [],
    audience: "both",
    kind: "kpi",
    higherIsBetter: true,
  }),
  def({
    name: "stickiness",
    label: "Stickiness (DAU/MAU)",
    unit: "percent",
    definition: "Average DAU over the month ÷ MAU.",
    source: "analytics_active_users",
    grain: "month",
    dimensions: [],
    audience: "both",
    kind: "kpi",
    higherIsBetter: true,
  }),
] as const satisfies readonly MetricDef[];

export type MetricName = (typeof METRICS)[number]["name"];

export const METRIC_NAMES = METRICS.map((m) => m.name) as [MetricName, ...MetricName[]];

const byName = new Map<string, MetricDef>(METRICS.map((m) => [m.name, m]));

export function isMetricName(name: string): name is MetricName {
  return byName.has(name);
}

export function getMetric(name: string): MetricDef | undefined {
  return byName.get(name);
}

/** The metrics an audience may read ("tenant": a workspace's own; "platform": the operator's). */
export function metricsFor(audience: "tenant" | "platform"): MetricDef[] {
  return METRICS.filter((m) => m.audience === "both" || m.audience === audience);
}

export const metricResource = z
  .object({
    name: z.string(),
    label: z.string(),
    unit: z.enum(UNITS),
    definition: z.string(),
    source: z.string(),
    grain: z.enum(GRAINS),
    dimensions: z.array(z.string()),
    kind: z.enum(["series", "kpi"]),
  })
  .meta({ id: "AnalyticsMetric" });

export function serializeMetric(m: MetricDef): z.infer<typeof metricResource> {
  return {
    name: m.name,
    label: m.label,
    unit: m.unit,
    definition: m.definition,
    source: m.source,
    grain: m.grain,
    dimensions: [...m.dimensions],
    kind: m.kind,
  };
}
