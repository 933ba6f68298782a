// The shape of a trend: the query and resource schemas, the buckets of a grain, the cleaning of
// query rows (latency buckets folded into percentiles) and the assembly of both periods into
// series. Shared by the SQL (trend-sql.ts), the monthly KPI trends (trend-monthly.ts) and the
// entry points (trends.ts for workspaces, trends-platform.ts for the operator).
import { z } from "zod";

import type { Prisma } from "../db/generated/client";
import type { Operator } from "../tenancy/operator";
import { AppError } from "@/lib/errors";
import { getMetric, GRAINS, metricsFor, type Grain, type MetricDef } from "./catalog";
import { BUCKET_COUNT, quantileFromBuckets } from "./latency";

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

export type Audience = { kind: "tenant"; tenantId: string } | { kind: "platform"; operator: Operator };

export interface Range {
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

export function next(at: Date, grain: Grain): Date {
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

export interface Row {
  t: Date | null;
  g: string | null;
  value: number | null;
  bucket?: number | null;
}

/** Runs queries in one transaction (one round of BEGIN, tenant pin and time zone for all of them). */
export type Exec = (queries: Prisma.Sql[]) => Promise<Row[][]>;

export const isLatency = (m: MetricDef) => m.name.startsWith("api_latency_");
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

export function clean(metric: MetricDef, rows: Row[]): Row[] {
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

/** Sums of the points are the totals (exact) for additive metrics: counts and money, never rates, percentiles or distinct users. */
export const isAdditive = (m: MetricDef) => m.unit !== "percent" && !isLatency(m) && m.unit !== "users";

export function sumByGroup(points: Row[]): Row[] {
  const sums = new Map<string | null, number>();
  for (const p of points) sums.set(p.g, (sums.get(p.g) ?? 0) + (p.value ?? 0));
  return [...sums.entries()].map(([g, value]) => ({ t: null, g, value }));
}

export function change(total: number | null, previous: number | null): number | null {
  if (total === null || previous === null || previous === 0) return null;
  return Math.round(((total - previous) / previous) * 10_000) / 10_000;
}

export function resolveRange(query: TrendQuery, now: Date): Range {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
  return { from, to };
}

export function assemble(
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

export function resolveMetric(a: Audience, name: string): MetricDef {
  const metric = getMetric(name);
  const allowed = metricsFor(a.kind === "tenant" ? "tenant" : "platform");
  if (!metric || !allowed.some((m) => m.name === name)) throw AppError.notFound(`No metric “${name}”.`);
  return metric;
}

export function resolveGroup(metric: MetricDef, groupBy: string | undefined): string | null {
  const group = groupBy || (metric.dimensions.includes("currency") ? "currency" : null);
  if (group && !(metric.dimensions as readonly string[]).includes(group)) {
    throw new AppError("validation_failed", "Some fields are not valid.", {
      group_by: [`${metric.label} can be grouped by ${metric.dimensions.join(", ") || "nothing"}.`],
    });
  }
  return group;
}
