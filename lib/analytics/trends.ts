// Trends of every metric in the catalog: points per grain (hour/day/week/month) over a range,
// optionally grouped by one of the metric's dimensions, with the previous period of the same
// length for comparison. Additive metrics are sums of the hourly rows; rates, percentiles and
// distinct users are recomputed for each point and for the totals (never averaged).
//
// A workspace reads through withTenant (RLS on, tenant pinned) from its own rows; the operator
// through the process client from the platform rollups the database keeps in the same transaction
// as the tenant rows (analytics_platform_*: the sum over all tenants, so a platform read does not
// grow with the number of workspaces). Reads are bounded by the range on the leading
// (tenantId, hour) or (hour) key.
import "server-only";

import { z } from "zod";

import { countedProviders } from "../billing/provider-mode";
import { addMonths, monthKeyOf, monthStartOf } from "../billing/reports/months";
import { getDb } from "../db/client";
import { Prisma } from "../db/generated/client";
import { withTenant } from "../db/tenant";
import { assertOperator, type Operator } from "../tenancy/operator";
import { assertCan, type TenantContext } from "../tenancy/context";
import { AppError } from "@/lib/errors";
import { getMetric, GRAINS, metricsFor, type Grain, type MetricDef } from "./catalog";
import { BUCKET_COUNT, quantileFromBuckets } from "./latency";
import { activityMonths, computeKpis, type CurrencyKpiMonth } from "./kpi-math";
import { loadKpiInput } from "./kpis";

/** The most points one trend answers (a month of hours, ten years of months). */
export const MAX_POINTS = 800;
const STEP_MS: Record<Exclude<Grain, "month">, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

export const trendQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional().describe("Start (inclusive); default: `to` − 30 days."),
    to: z.iso.datetime({ offset: true }).optional().describe("End (exclusive); default: now."),
    grain: z.enum(GRAINS).default("day"),
    group_by: z.string().max(32).optional().describe("One of the metric's dimensions."),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: "from must be before to.",
    path: ["from"],
  });

export type TrendQuery = z.infer<typeof trendQuerySchema>;

const point = z.object({ t: z.iso.datetime(), value: z.number().nullable() });

export const trendResource = z
  .object({
    metric: z.string(),
    unit: z.string(),
    grain: z.enum(GRAINS),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    group_by: z.string().nullable(),
    series: z.array(
      z.object({
        group: z.string().nullable(),
        points: z.array(point),
        previous: z.array(point).describe("The period of the same length just before, aligned point by point."),
        total: z.number().nullable(),
        previous_total: z.number().nullable(),
        change: z.number().nullable().describe("(total − previous_total) ÷ previous_total; null when undefined."),
      }),
    ),
  })
  .meta({ id: "AnalyticsTrend" });

export type Trend = z.infer<typeof trendResource>;

type Audience = { kind: "tenant"; tenantId: string } | { kind: "platform"; operator: Operator };

interface Range {
  from: Date;
  to: Date;
}

export function floorTo(at: Date, grain: Grain): Date {
  const d = new Date(at);
  if (grain === "month") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  if (grain === "hour") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()));
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  if (grain === "day") return day;
  const weekday = (day.getUTCDay() + 6) % 7; // ISO week: Monday
  return new Date(day.getTime() - weekday * 86_400_000);
}

function next(at: Date, grain: Grain): Date {
  if (grain === "month") return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
  return new Date(at.getTime() + STEP_MS[grain]);
}

/** The bucket starts covering [from, to). */
export function bucketsOf(range: Range, grain: Grain): Date[] {
  const out: Date[] = [];
  for (let t = floorTo(range.from, grain); t < range.to; t = next(t, grain)) {
    out.push(t);
    if (out.length > MAX_POINTS) {
      throw new AppError("bad_request", `At most ${MAX_POINTS} points: choose a coarser grain or a shorter range.`);
    }
  }
  return out;
}

interface Row {
  t: Date | null;
  g: string | null;
  value: number | null;
  bucket?: number | null;
}

/** Runs queries in one transaction (one round of BEGIN, tenant pin and time zone for all of them). */
type Exec = (queries: Prisma.Sql[]) => Promise<Row[][]>;

const trunc = (grain: Grain | null, column: string) =>
  grain ? Prisma.sql`date_trunc(${Prisma.raw(`'${grain}'`)}, ${Prisma.raw(column)})` : Prisma.sql`NULL::timestamptz`;

/** Internal column names per metric dimension (never user text in SQL). */
const DIMENSION_COLUMNS: Record<string, string> = {
  route: "route",
  status: "status::text",
  event_name: '"eventName"',
  currency: "currency",
  tier: "tier::text",
};

function groupExpr(groupBy: string | null): Prisma.Sql {
  if (!groupBy) return Prisma.sql`NULL::text`;
  const column = DIMENSION_COLUMNS[groupBy];
  if (!column) throw new AppError("bad_request", `Cannot group by “${groupBy}”.`);
  return Prisma.raw(column);
}

const tenantFilter = (a: Audience) => (a.kind === "tenant" ? Prisma.sql`AND "tenantId" = ${a.tenantId}` : Prisma.empty);

/**
 * The table an API-call or active-user read uses: the workspace's own rows, or for the operator the
 * platform rollups the triggers keep (one row per hour/route/status/bucket or per user-day, however
 * many workspaces), so platform reads do not grow with the number of workspaces.
 */
const apiTable = (a: Audience) =>
  Prisma.raw(a.kind === "tenant" ? "analytics_api_hourly" : "analytics_platform_api_hourly");
const activeTable = (a: Audience) =>
  Prisma.raw(a.kind === "tenant" ? "analytics_active_users" : "analytics_platform_user_days");

function sqlFor(metric: MetricDef, a: Audience, range: Range, grain: Grain | null, groupBy: string | null): Prisma.Sql {
  const g = groupExpr(groupBy);
  const { from, to } = range;
  switch (metric.name) {
    case "api_calls":
    case "api_errors":
    case "api_success_rate": {
      const value =
        metric.name === "api_calls"
          ? Prisma.sql`sum(count)::float8`
          : metric.name === "api_errors"
            ? Prisma.sql`coalesce(sum(count) FILTER (WHERE status >= 400), 0)::float8`
            : Prisma.sql`(coalesce(sum(count) FILTER (WHERE status < 400), 0)::float8 / nullif(sum(count), 0))`;
      return Prisma.sql`SELECT ${trunc(grain, "hour")} AS t, ${g} AS g, ${value} AS value
        FROM ${apiTable(a)} WHERE hour >= ${from} AND hour < ${to} ${tenantFilter(a)} GROUP BY 1, 2`;
    }
    case "api_latency_p50":
    case "api_latency_p95":
    case "api_latency_p99":
      return Prisma.sql`SELECT ${trunc(grain, "hour")} AS t, ${g} AS g, bucket, sum(count)::float8 AS value
        FROM ${apiTable(a)} WHERE hour >= ${from} AND hour < ${to} ${tenantFilter(a)} GROUP BY 1, 2, 3`;
    case "active_users":
      // The platform's distinct users of a whole day are counted at write time.
      if (a.kind === "platform" && (grain === "day" || grain === "hour")) {
        return Prisma.sql`SELECT day::timestamptz AS t, NULL::text AS g, "activeUsers"::float8 AS value
          FROM analytics_platform_days WHERE day >= ${from}::date AND day < ${to}::date`;
      }
      // Days are the finest grain stored: an hourly trend of active users shows days.
      return Prisma.sql`SELECT ${trunc(grain === "hour" ? "day" : grain, "day::timestamptz")} AS t, ${g} AS g,
          count(DISTINCT "userId")::float8 AS value
        FROM ${activeTable(a)} WHERE day >= ${from}::date AND day < ${to}::date ${tenantFilter(a)} GROUP BY 1, 2`;
    case "custom_events":
      return Prisma.sql`SELECT ${trunc(grain, '"occurredAt"')} AS t, ${g} AS g, sum(value)::float8 AS value
        FROM usage_events WHERE "occurredAt" >= ${from} AND "occurredAt" < ${to} ${tenantFilter(a)} GROUP BY 1, 2`;
    case "spend":
    case "revenue": {
      const providers = Prisma.join(countedProviders());
      return Prisma.sql`SELECT ${trunc(grain, "at")} AS t, ${g} AS g, sum(amount)::float8 AS value FROM (
          SELECT coalesce("paidAt", "providerCreatedAt") AS at, currency, amount FROM payments
          WHERE status = 'SUCCEEDED' AND provider::text IN (${providers}) ${tenantFilter(a)}
            AND coalesce("paidAt", "providerCreatedAt") >= ${from} AND coalesce("paidAt", "providerCreatedAt") < ${to}
          UNION ALL
          SELECT "providerCreatedAt", currency, -amount FROM refunds
          WHERE provider::text IN (${providers}) AND status NOT IN ('failed', 'canceled', 'cancelled') ${tenantFilter(a)}
            AND "providerCreatedAt" >= ${from} AND "providerCreatedAt" < ${to}
        ) money GROUP BY 1, 2`;
    }
    case "signups":
      return Prisma.sql`SELECT ${trunc(grain, '"createdAt"')} AS t, ${g} AS g, count(*)::float8 AS value
        FROM users WHERE "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY 1, 2`;
    case "workspaces_created":
      return Prisma.sql`SELECT ${trunc(grain, '"createdAt"')} AS t, ${g} AS g, count(*)::float8 AS value
        FROM tenants WHERE "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY 1, 2`;
    default:
      throw new AppError("bad_request", `“${metric.name}” has no hourly trend.`);
  }
}

const isLatency = (m: MetricDef) => m.name.startsWith("api_latency_");
const quantileOf = (m: MetricDef) => Number(m.name.slice("api_latency_p".length)) / 100;

/** Folds latency bucket rows into one value per (t, g). */
function foldLatency(rows: Row[], metric: MetricDef): Row[] {
  const groups = new Map<string, { t: Date | null; g: string | null; counts: number[] }>();
  for (const row of rows) {
    const key = `${row.t?.getTime() ?? ""}|${row.g ?? ""}`;
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { t: row.t, g: row.g, counts: new Array<number>(BUCKET_COUNT).fill(0) }));
    const b = Number(row.bucket ?? 0);
    entry.counts[b] = (entry.counts[b] ?? 0) + Number(row.value ?? 0);
  }
  return [...groups.values()].map((e) => ({
    t: e.t,
    g: e.g,
    value: quantileFromBuckets(e.counts, quantileOf(metric)),
  }));
}

function clean(metric: MetricDef, rows: Row[]): Row[] {
  const parsed = rows.map((r) => ({
    t: r.t ? new Date(r.t) : null,
    g: r.g === null || r.g === undefined ? null : String(r.g),
    value: r.value === null ? null : Number(r.value),
    bucket: r.bucket === undefined ? undefined : Number(r.bucket),
  }));
  const folded = isLatency(metric) ? foldLatency(parsed, metric) : parsed;
  if (metric.unit === "percent" || isLatency(metric)) {
    return folded.map((r) => ({ ...r, value: r.value === null ? null : Math.round(r.value * 10_000) / 10_000 }));
  }
  return folded;
}

async function run(
  exec: Exec,
  metric: MetricDef,
  a: Audience,
  range: Range,
  grain: Grain | null,
  groupBy: string | null,
) {
  const [rows] = await exec([sqlFor(metric, a, range, grain, groupBy)]);
  return clean(metric, rows ?? []);
}

/** Sums of the points are the totals (exact) for additive metrics: counts and money, never rates, percentiles or distinct users. */
const isAdditive = (m: MetricDef) => m.unit !== "percent" && !isLatency(m) && m.unit !== "users";

function sumByGroup(points: Row[]): Row[] {
  const sums = new Map<string | null, number>();
  for (const p of points) sums.set(p.g, (sums.get(p.g) ?? 0) + (p.value ?? 0));
  return [...sums.entries()].map(([g, value]) => ({ t: null, g, value }));
}

function change(total: number | null, previous: number | null): number | null {
  if (total === null || previous === null || previous === 0) return null;
  return Math.round(((total - previous) / previous) * 10_000) / 10_000;
}

function resolveRange(query: TrendQuery, now: Date): Range {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
  return { from, to };
}

function assemble(
  metric: MetricDef,
  grain: Grain,
  groupBy: string | null,
  range: Range,
  previousRange: Range,
  current: { points: Row[]; totals: Row[] },
  previous: { points: Row[]; totals: Row[] },
): Trend {
  const buckets = bucketsOf(range, grain);
  const previousBuckets = bucketsOf(previousRange, grain);
  const groups = new Set<string | null>([...current.points, ...current.totals].map((r) => r.g));
  if (groups.size === 0) groups.add(null);
  const additive = metric.unit !== "percent" && !isLatency(metric);
  const series = [...groups]
    .sort((x, y) => String(x).localeCompare(String(y)))
    .map((group) => {
      const index = (rows: Row[]) => new Map(rows.filter((r) => r.g === group).map((r) => [r.t?.getTime(), r.value]));
      const now = index(current.points);
      const before = index(previous.points);
      const fill = (v: number | null | undefined) => (v === undefined ? (additive ? 0 : null) : v);
      const total = fill(current.totals.find((r) => r.g === group)?.value);
      const previousTotal = fill(previous.totals.find((r) => r.g === group)?.value);
      return {
        group,
        points: buckets.map((t) => ({ t: t.toISOString(), value: fill(now.get(t.getTime())) })),
        previous: buckets.map((_, i) => {
          const t = previousBuckets[i];
          return { t: (t ?? previousRange.from).toISOString(), value: t ? fill(before.get(t.getTime())) : null };
        }),
        total,
        previous_total: previousTotal,
        change: change(total, previousTotal),
      };
    });
  return {
    metric: metric.name,
    unit: metric.unit,
    grain,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    group_by: groupBy,
    series,
  };
}

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
async function kpiTrend(operator: Operator, metric: MetricDef, range: Range, now: Date): Promise<Trend> {
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

function resolveMetric(a: Audience, name: string): MetricDef {
  const metric = getMetric(name);
  const allowed = metricsFor(a.kind === "tenant" ? "tenant" : "platform");
  if (!metric || !allowed.some((m) => m.name === name)) throw AppError.notFound(`No metric “${name}”.`);
  return metric;
}

function resolveGroup(metric: MetricDef, groupBy: string | undefined): string | null {
  const group = groupBy || (metric.dimensions.includes("currency") ? "currency" : null);
  if (group && !(metric.dimensions as readonly string[]).includes(group)) {
    throw new AppError("validation_failed", "Some fields are not valid.", {
      group_by: [`${metric.label} can be grouped by ${metric.dimensions.join(", ") || "nothing"}.`],
    });
  }
  return group;
}

async function trendFor(a: Audience, exec: Exec, name: string, query: TrendQuery, now: Date): Promise<Trend> {
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
async function* exportRows(a: Audience, exec: Exec, name: string, query: TrendQuery, now: Date) {
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

async function tenantActivityTrend(tenantId: string, metric: MetricDef, range: Range, now: Date): Promise<Trend> {
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

const utc = async <T>(tx: { $executeRaw: (q: TemplateStringsArray) => Promise<unknown> } & T) => {
  await tx.$executeRaw`SELECT set_config('TimeZone', 'UTC', true)`;
};

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

/** The platform's trend of a metric, across all workspaces (operators only). */
export async function loadPlatformTrend(
  operator: Operator,
  name: string,
  query: TrendQuery,
  now = new Date(),
): Promise<Trend> {
  assertOperator(operator);
  return trendFor({ kind: "platform", operator }, await platformExec(), name, query, now);
}

/** Runs the queries one after another in one transaction (a transaction's client is one connection). */
async function inOrder(tx: { $queryRaw: <T>(q: Prisma.Sql) => Prisma.PrismaPromise<T> }, queries: Prisma.Sql[]) {
  const out: Row[][] = [];
  for (const q of queries) out.push(await tx.$queryRaw<Row[]>(q));
  return out;
}

function tenantExec(tenantId: string): Exec {
  return (queries) =>
    withTenant(tenantId, async (tx) => {
      await utc(tx);
      return inOrder(tx, queries);
    });
}

async function platformExec(): Promise<Exec> {
  const db = await getDb();
  return (queries) =>
    db.$transaction(async (tx) => {
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

export async function platformExportRows(operator: Operator, name: string, query: TrendQuery, now = new Date()) {
  assertOperator(operator);
  const a: Audience = { kind: "platform", operator };
  resolveGroup(resolveMetric(a, name), query.group_by);
  return exportRows(a, await platformExec(), name, query, now);
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
