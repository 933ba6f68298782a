// Monthly trends that are not sums of hourly rows: the platform KPIs (MRR, churn, NRR, LTV, CAC,
// trial conversion, MAU, stickiness; from the KPI report, kpi-math.ts) and a workspace's own MAU
// and stickiness (its distinct members per month). Each point is a month; the previous period is
// the same number of months just before.
import "server-only";

import { addMonths, monthKeyOf, monthStartOf } from "../billing/reports/months";
import { withTenant } from "../db/tenant";
import type { Operator } from "../tenancy/operator";
import { AppError } from "@/lib/errors";
import type { MetricDef } from "./catalog";
import { activityMonths, computeKpis, type CurrencyKpiMonth } from "./kpi-math";
import { loadKpiInput } from "./kpis";
import { change, type Range, type Trend } from "./trend-shape";

const KPI_FIELDS: Record<string, keyof CurrencyKpiMonth> = {
  mrr: "mrr",
  arr: "arr",
  customers: "customers",
  arpu: "arpu",
  logo_churn: "logoChurn",
  revenue_churn: "revenueChurn",
  nrr: "nrr",
  ltv: "ltv",
  ltv_observed: "ltvObserved",
  cac: "cac",
  ltv_cac: "ltvCac",
};

/** Monthly KPIs as a trend (grain month, grouped by currency; activity KPIs ungrouped). */
export async function kpiTrend(operator: Operator, metric: MetricDef, range: Range, now: Date): Promise<Trend> {
  const from = monthKeyOf(range.from);
  const to = monthKeyOf(new Date(range.to.getTime() - 1));
  const months = Math.max(
    1,
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1,
  );
  const previousFrom = addMonths(from, -months);
  const input = await loadKpiInput(operator, { from: previousFrom, to, now });
  const report = computeKpis(input, { from: previousFrom, to, asOf: now });
  const start = monthStartOf(from);
  const split = <T extends { month: string }>(rows: T[]) => ({
    current: rows.filter((r) => r.month >= from),
    previous: rows.filter((r) => r.month < from),
  });
  const toPoints = <T extends { month: string }>(rows: T[], value: (r: T) => number | null) =>
    rows.map((r) => ({ t: monthStartOf(r.month).toISOString(), value: value(r) }));
  const last = <T>(rows: T[]) => rows[rows.length - 1];
  const seriesFrom = <T extends { month: string }>(group: string | null, rows: T[], value: (r: T) => number | null) => {
    const { current, previous } = split(rows);
    const total = current.length ? value(last(current)!) : null;
    const previousTotal = previous.length ? value(last(previous)!) : null;
    return {
      group,
      points: toPoints(current, value),
      previous: toPoints(previous, value),
      total,
      previous_total: previousTotal,
      change: change(total, previousTotal),
    };
  };
  let series: Trend["series"];
  if (metric.name === "trial_conversion") {
    const rows = report.trials;
    series = [seriesFrom(null, rows, (r) => r.rate)];
  } else if (metric.name === "mau" || metric.name === "stickiness") {
    series = [seriesFrom(null, report.activity, (r) => (metric.name === "mau" ? r.mau : r.stickiness))];
  } else {
    const field = KPI_FIELDS[metric.name];
    if (!field) throw new AppError("bad_request", `“${metric.name}” has no trend.`);
    series = report.currencies.map((c) => seriesFrom(c.currency, c.months, (m) => m[field] as number | null));
  }
  return {
    metric: metric.name,
    unit: metric.unit,
    grain: "month",
    from: start.toISOString(),
    to: monthStartOf(addMonths(to, 1)).toISOString(),
    group_by:
      metric.name === "trial_conversion" || metric.name === "mau" || metric.name === "stickiness" ? null : "currency",
    series,
  };
}

/** A workspace's MAU or stickiness per month (its own members; RLS and the tenant pin apply). */
export async function tenantActivityTrend(
  tenantId: string,
  metric: MetricDef,
  range: Range,
  now: Date,
): Promise<Trend> {
  const from = monthKeyOf(range.from);
  const to = monthKeyOf(new Date(range.to.getTime() - 1));
  const rows = await withTenant(tenantId, (tx) =>
    tx.analyticsActiveUser.findMany({
      where: { day: { gte: monthStartOf(addMonths(from, -1)), lt: monthStartOf(addMonths(to, 1)) } },
      select: { tenantId: true, userId: true, day: true },
    }),
  );
  const months = activityMonths(
    rows.map((r) => ({ tenantId: r.tenantId, userId: r.userId, day: r.day.toISOString().slice(0, 10) })),
    { from: addMonths(from, -1), to, asOf: now },
  );
  const value = (m: (typeof months)[number]) => (metric.name === "mau" ? m.mau : m.stickiness);
  const current = months.filter((m) => m.month >= from);
  const previous = months.filter((m) => m.month < from);
  const total = current.length ? value(current[current.length - 1]!) : null;
  const previousTotal = previous.length ? value(previous[previous.length - 1]!) : null;
  return {
    metric: metric.name,
    unit: metric.unit,
    grain: "month",
    from: monthStartOf(from).toISOString(),
    to: monthStartOf(addMonths(to, 1)).toISOString(),
    group_by: null,
    series: [
      {
        group: null,
        points: current.map((m) => ({ t: monthStartOf(m.month).toISOString(), value: value(m) })),
        previous: previous.map((m) => ({ t: monthStartOf(m.month).toISOString(), value: value(m) })),
        total,
        previous_total: previousTotal,
        change: change(total, previousTotal),
      },
    ],
  };
}
