// The data of one dashboard widget (GET …/dashboards/data?metric&range&grain&group_by[&type&steps]):
// the widget's range turned into from/to, then, by the widget's type, the metric's trend, a funnel
// (each step's total over the range, against the period before) or a cohort grid.
import "server-only";

import { z } from "zod";

import type { Operator } from "../tenancy/operator";
import type { TenantContext } from "../tenancy/context";
import { AppError, parseInput } from "@/lib/errors";
import { getMetric, GRAINS } from "./catalog";
import { loadPlatformCohorts, loadTenantCohorts, type CohortGridData } from "./cohorts";
import {
  funnelStepSchema,
  isFunnelMetric,
  MAX_FUNNEL_STEPS,
  rangeBounds,
  RANGES,
  WIDGET_TYPES,
  type FunnelStep,
} from "./dashboard-spec";
import { loadTenantTrend, type Trend, type TrendQuery } from "./trends";
import { loadPlatformTrend } from "./trends-platform";

export const widgetDataQuery = z.object({
  type: z.enum(WIDGET_TYPES).optional(),
  metric: z.string().min(1).max(64),
  range: z.enum(RANGES),
  grain: z.enum(GRAINS),
  group_by: z.string().max(32).optional(),
  /** Funnel only: the steps as JSON. */
  steps: z.string().max(4000).optional(),
});

const stepsSchema = z
  .array(funnelStepSchema)
  .min(2, "A funnel needs at least two steps.")
  .max(MAX_FUNNEL_STEPS)
  .superRefine((steps, ctx) =>
    steps.forEach((s, i) => {
      if (!isFunnelMetric(s.metric)) ctx.addIssue({ code: "custom", path: [i, "metric"], message: "Not a count." });
    }),
  );

export interface FunnelData {
  kind: "funnel";
  from: string;
  to: string;
  steps: {
    label: string;
    metric: string;
    event: string | null;
    value: number;
    previous: number;
    /** value ÷ the first step's value (null when that is 0). */
    of_first: number | null;
    /** value ÷ the previous step's value (null for the first step or when that is 0). */
    of_previous: number | null;
  }[];
}

export type WidgetData = Trend | FunnelData | CohortGridData;

type TrendLoader = (name: string, query: TrendQuery) => Promise<Trend>;

const rate = (a: number, b: number | undefined) =>
  b === undefined || b === 0 ? null : Math.round((a / b) * 10_000) / 10_000;

function parseSteps(text: string | undefined): FunnelStep[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? "");
  } catch {
    throw new AppError("validation_failed", "Some fields are not valid.", { steps: ["The steps are not valid JSON."] });
  }
  return parseInput(z.object({ steps: stepsSchema }), { steps: raw }).steps;
}

/** Each step's total over the range and over the period just before (one trend per step, in parallel). */
export async function funnelFrom(
  load: TrendLoader,
  steps: FunnelStep[],
  range: { from: Date; to: Date },
): Promise<FunnelData> {
  const base: TrendQuery = { from: range.from.toISOString(), to: range.to.toISOString(), grain: "day" };
  const totals = await Promise.all(
    steps.map(async (step) => {
      const event = step.metric === "custom_events" && step.event ? step.event : null;
      const trend = await load(step.metric, event ? { ...base, group_by: "event_name" } : base);
      const series = event ? trend.series.filter((s) => s.group === event) : trend.series;
      const sum = (pick: (s: Trend["series"][number]) => number | null) =>
        series.reduce((acc, s) => acc + (pick(s) ?? 0), 0);
      return { step, event, value: sum((s) => s.total), previous: sum((s) => s.previous_total) };
    }),
  );
  return {
    kind: "funnel",
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    steps: totals.map((t, i) => ({
      label: t.step.label || t.event || getMetric(t.step.metric)?.label || t.step.metric,
      metric: t.step.metric,
      event: t.event,
      value: t.value,
      previous: t.previous,
      of_first: i === 0 ? (t.value > 0 ? 1 : null) : rate(t.value, totals[0]?.value),
      of_previous: i === 0 ? null : rate(t.value, totals[i - 1]?.value),
    })),
  };
}

function query(params: URLSearchParams, now: Date) {
  const q = parseInput(widgetDataQuery, Object.fromEntries(params.entries()));
  const range = rangeBounds(q.range, now);
  return {
    type: q.type ?? "line",
    name: q.metric,
    range,
    steps: q.type === "funnel" ? parseSteps(q.steps) : [],
    query: {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      grain: q.grain,
      group_by: q.group_by || undefined,
    },
  };
}

export async function loadTenantWidgetData(
  ctx: TenantContext,
  params: URLSearchParams,
  now = new Date(),
): Promise<WidgetData> {
  const q = query(params, now);
  if (q.type === "funnel") return funnelFrom((name, tq) => loadTenantTrend(ctx, name, tq, now), q.steps, q.range);
  if (q.type === "cohort") return loadTenantCohorts(ctx, q.range);
  return loadTenantTrend(ctx, q.name, q.query, now);
}

export async function loadPlatformWidgetData(
  operator: Operator,
  params: URLSearchParams,
  now = new Date(),
): Promise<WidgetData> {
  const q = query(params, now);
  if (q.type === "funnel") {
    return funnelFrom((name, tq) => loadPlatformTrend(operator, name, tq, now), q.steps, q.range);
  }
  if (q.type === "cohort") return loadPlatformCohorts(operator, q.range);
  return loadPlatformTrend(operator, q.name, q.query, now);
}
