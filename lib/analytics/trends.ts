// Trends of every metric in the catalog: points per grain (hour/day/week/month) over a range,
// optionally grouped by one of the metric's dimensions, with the previous period of the same
// length for comparison. Additive metrics are sums of the hourly rows; rates, percentiles and
// distinct users are recomputed for each point and for the totals (never averaged).
//
// This module is a workspace's entry points (its trends, CSV rows and headline KPIs), read through
// withTenant (RLS on, tenant pinned) from its own rows; the operator's are in trends-platform.ts.
// The parts: trend-shape.ts (schemas, buckets, assembly), trend-sql.ts (the SQL per source),
// trend-monthly.ts (KPI and MAU trends per month), trend-run.ts (one trend or export).
import "server-only";

import { z } from "zod";

import { withTenant } from "../db/tenant";
import { assertCan, type TenantContext } from "../tenancy/context";
import { getMetric } from "./catalog";
import { exportRows, inOrder, trendFor, utc } from "./trend-run";
import { resolveGroup, resolveMetric, type Audience, type Exec, type Trend, type TrendQuery } from "./trend-shape";

export {
  bucketsOf,
  floorTo,
  MAX_POINTS,
  trendQuerySchema,
  trendResource,
  type Trend,
  type TrendQuery,
} from "./trend-shape";
export { EXPORT_HEADER } from "./trend-run";

/** A workspace's own trend of a metric (RLS and the tenant pin apply). */
export async function loadTenantTrend(
  ctx: TenantContext,
  name: string,
  query: TrendQuery,
  now = new Date(),
): Promise<Trend> {
  assertCan(ctx, "dashboards:read");
  const tenantId = ctx.tenant.id;
  const exec = tenantExec(tenantId);
  return trendFor({ kind: "tenant", tenantId }, exec, name, query, now);
}

function tenantExec(tenantId: string): Exec {
  return (queries) =>
    withTenant(tenantId, async (tx) => {
      await utc(tx);
      return inOrder(tx, queries);
    });
}

/** A workspace's metric as CSV rows (validated before the first row, so errors answer 4xx). */
export async function tenantExportRows(ctx: TenantContext, name: string, query: TrendQuery, now = new Date()) {
  assertCan(ctx, "dashboards:read");
  const a: Audience = { kind: "tenant", tenantId: ctx.tenant.id };
  resolveGroup(resolveMetric(a, name), query.group_by);
  return exportRows(a, tenantExec(ctx.tenant.id), name, query, now);
}

export const TENANT_KPI_METRICS = [
  "api_calls",
  "api_errors",
  "api_success_rate",
  "api_latency_p50",
  "api_latency_p95",
  "active_users",
  "spend",
] as const;

export const tenantKpisResource = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    kpis: z.array(
      z.object({
        metric: z.string(),
        label: z.string(),
        unit: z.string(),
        group: z.string().nullable().describe("The currency of a money figure."),
        value: z.number().nullable(),
        previous: z.number().nullable().describe("The same figure over the period of the same length just before."),
        change: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: "AnalyticsKpis" });

/** The workspace's headline figures over the last `days` days against the days before. */
export async function loadTenantKpis(
  ctx: TenantContext,
  days = 30,
  now = new Date(),
): Promise<z.infer<typeof tenantKpisResource>> {
  assertCan(ctx, "dashboards:read");
  const to = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - days * 86_400_000);
  const query: TrendQuery = { from: from.toISOString(), to: to.toISOString(), grain: "day" };
  const trends = await Promise.all(TENANT_KPI_METRICS.map((name) => loadTenantTrend(ctx, name, query, now)));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    kpis: trends.flatMap((trend) =>
      trend.series.map((s) => ({
        metric: trend.metric,
        label: getMetric(trend.metric)?.label ?? trend.metric,
        unit: trend.unit,
        group: s.group,
        value: s.total,
        previous: s.previous_total,
        change: s.change,
      })),
    ),
  };
}
