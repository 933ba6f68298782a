// A trend as the analytics endpoints answer it, and what both of its drawings share: the series
// colours and the sentence that says what the chart shows. TrendFigure (trend-figure.tsx) draws it
// on the server; TrendChart (trend-chart.tsx, recharts) in the dashboard builder's widgets.
import { formatMetric } from "./format";

export interface TrendSeries {
  group: string | null;
  points: { t: string; value: number | null }[];
  previous: { t: string; value: number | null }[];
  total: number | null;
  previous_total: number | null;
  change: number | null;
}

/** What a trend figure takes: the data, its title, the chart kind and how tall it draws. */
export interface TrendFigureProps {
  trend: TrendData;
  title: string;
  kind?: "line" | "area" | "bar";
  showPrevious?: boolean;
  heightClassName?: string;
}

export interface TrendData {
  metric: string;
  unit: string;
  grain: string;
  series: TrendSeries[];
}

/** One colour per group (at most this many groups are drawn). */
export const SERIES_COLORS = ["var(--brand-primary)", "#0f766e", "#b45309", "#7c3aed", "#be123c", "#0369a1"];

/** The currency a money trend's group names (its groups are currencies), else none. */
export const currencyOf = (trend: TrendData, group: string | null | undefined) =>
  trend.unit === "money" ? (group ?? null) : null;

/** The chart's caption: the period's total against the previous one, or the groups drawn. */
export function trendSummary(trend: TrendData, title: string): string {
  const series = trend.series.slice(0, SERIES_COLORS.length);
  const first = series[0];
  if (series.length !== 1) return `${title} by ${series.map((s) => s.group ?? "all").join(", ")}.`;
  const money = currencyOf(trend, first?.group);
  return `${title}: ${formatMetric(first?.total ?? null, trend.unit, money)} in the period, ${formatMetric(first?.previous_total ?? null, trend.unit, money)} in the previous one.`;
}
