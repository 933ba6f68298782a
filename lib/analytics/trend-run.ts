// One trend (both periods, totals) or one export (window by window) for either audience, given
// how to run its queries (Exec: one transaction per call, tenant-pinned for a workspace).
import "server-only";

import type { Prisma } from "../db/generated/client";
import type { TrendQuery } from "./trend-shape";
import {
  assemble,
  bucketsOf,
  clean,
  floorTo,
  isAdditive,
  MAX_POINTS,
  next,
  resolveGroup,
  resolveMetric,
  resolveRange,
  sumByGroup,
  type Audience,
  type Exec,
  type Row,
  type Trend,
} from "./trend-shape";
import { run, sqlFor } from "./trend-sql";
import { kpiTrend, tenantActivityTrend } from "./trend-monthly";

export async function trendFor(a: Audience, exec: Exec, name: string, query: TrendQuery, now: Date): Promise<Trend> {
  const metric = resolveMetric(a, name);
  const range = resolveRange(query, now);
  if (metric.kind === "kpi") {
    if (a.kind !== "platform") {
      // MAU and stickiness are the workspace's own distinct users per month.
      return tenantActivityTrend(a.tenantId, metric, range, now);
    }
    return kpiTrend(a.operator, metric, range, now);
  }
  const groupBy = resolveGroup(metric, query.group_by);
  const grain = query.grain;
  const length = range.to.getTime() - range.from.getTime();
  const previousRange = { from: new Date(range.from.getTime() - length), to: range.from };
  bucketsOf(range, grain); // refuses too many points before querying
  // One transaction: the points of both periods, and the totals where they are not the points' sums.
  const additive = isAdditive(metric);
  const queries = [sqlFor(metric, a, range, grain, groupBy), sqlFor(metric, a, previousRange, grain, groupBy)];
  if (!additive) {
    queries.push(sqlFor(metric, a, range, null, groupBy), sqlFor(metric, a, previousRange, null, groupBy));
  }
  const results = (await exec(queries)).map((rows) => clean(metric, rows));
  const points = results[0] ?? [];
  const previousPoints = results[1] ?? [];
  const totals = additive ? sumByGroup(points) : (results[2] ?? []);
  const previousTotals = additive ? sumByGroup(previousPoints) : (results[3] ?? []);
  return assemble(
    metric,
    grain,
    groupBy,
    range,
    previousRange,
    { points, totals },
    { points: previousPoints, totals: previousTotals },
  );
}

export const EXPORT_HEADER = ["time", "metric", "group", "value", "unit"] as const;

/**
 * The rows of a metric over any range, read window by window (at most MAX_POINTS buckets per
 * query), so an export of years of hours never holds more than one window in memory.
 */
export async function* exportRows(a: Audience, exec: Exec, name: string, query: TrendQuery, now: Date) {
  const metric = resolveMetric(a, name);
  const range = resolveRange(query, now);
  if (metric.kind === "kpi") {
    const trend = await trendFor(a, exec, name, query, now);
    for (const s of trend.series)
      for (const p of s.points) yield [p.t, metric.name, s.group, p.value, metric.unit] as const;
    return;
  }
  const groupBy = resolveGroup(metric, query.group_by);
  let start = floorTo(range.from, query.grain);
  while (start < range.to) {
    let end = start;
    for (let i = 0; i < MAX_POINTS && end < range.to; i += 1) end = next(end, query.grain);
    const window = { from: start > range.from ? start : range.from, to: end < range.to ? end : range.to };
    const rows = await run(exec, metric, a, window, query.grain, groupBy);
    rows.sort((x, y) => (x.t?.getTime() ?? 0) - (y.t?.getTime() ?? 0) || String(x.g).localeCompare(String(y.g)));
    for (const r of rows) yield [r.t?.toISOString() ?? null, metric.name, r.g, r.value, metric.unit] as const;
    start = end;
  }
}

export const utc = async <T>(tx: { $executeRaw: (q: TemplateStringsArray) => Promise<unknown> } & T) => {
  await tx.$executeRaw`SELECT set_config('TimeZone', 'UTC', true)`;
};

/** Runs the queries one after another in one transaction (a transaction's client is one connection). */
export async function inOrder(tx: { $queryRaw: <T>(q: Prisma.Sql) => Prisma.PrismaPromise<T> }, queries: Prisma.Sql[]) {
  const out: Row[][] = [];
  for (const q of queries) out.push(await tx.$queryRaw<Row[]>(q));
  return out;
}
