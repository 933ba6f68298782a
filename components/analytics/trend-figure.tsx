// A trend drawn on the server, with no chart library in the browser: lines and areas with
// LineChart (the period solid, the previous period dashed; one line per group when grouped), bars
// with ColumnChart (stacked per group). Tooltips show on pointer-over by CSS alone and every
// value is in the "Show the figures" table. The analytics pages use it for the charts they show on
// first render; the dashboard builder keeps recharts (TrendChart, loaded with its widgets).
import { compactMoney } from "@/components/charts/chart-format";
import { ColumnChart } from "@/components/charts/column-chart";
import { LineChart, type LineSeries } from "@/components/charts/line-chart";

import { formatMetric, pointLabel } from "./format";
import { currencyOf, SERIES_COLORS, trendSummary, type TrendFigureProps } from "./trend-data";

const compactCount = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** The long name of a point in tooltips and tables ("Dec 3, 14:00", "Dec 3", "Dec 26"). */
function pointTitle(iso: string, grain: string): string {
  if (grain === "hour" || grain === "minute") return `${pointLabel(iso, "day")}, ${pointLabel(iso, grain)}`;
  return pointLabel(iso, grain);
}

export function TrendFigure({
  trend,
  title,
  kind = "line",
  showPrevious = true,
  heightClassName = "h-64",
}: TrendFigureProps) {
  const series = trend.series.slice(0, SERIES_COLORS.length);
  const first = series[0];
  const points = first?.points ?? [];
  const keys = points.map((p) => p.t);
  const format = (value: number | null) => formatMetric(value, trend.unit, currencyOf(trend, first?.group));
  const money = currencyOf(trend, first?.group);
  // Axis labels are narrow: money and large counts in compact form ("$12.3K", "45K").
  const yTick = (value: number) =>
    money ? compactMoney(value, money) : Math.abs(value) >= 10_000 ? compactCount.format(value) : format(value);
  const summary = trendSummary(trend, title);
  // A single series is named by the chart (its group, if any, is the currency); groups by their name.
  const name = (group: string | null) => (series.length === 1 ? title : (group ?? "all"));

  if (kind === "bar") {
    const stacked = series.length > 1;
    return (
      <ColumnChart
        data={points.map((_, i) => i)}
        title={title}
        summary={summary}
        xKey={(i) => keys[i] ?? String(i)}
        value={stacked ? undefined : (i) => first?.points[i]?.value ?? 0}
        series={
          stacked
            ? series.map((s, k) => ({
                label: name(s.group),
                color: SERIES_COLORS[k] ?? "var(--brand-primary)",
                value: (i: number) => s.points[i]?.value ?? 0,
              }))
            : undefined
        }
        xTick={(i) => pointLabel(keys[i] ?? "", trend.grain)}
        yTick={yTick}
        tooltipTitle={(i) => pointTitle(keys[i] ?? "", trend.grain)}
        tooltipValue={(i) =>
          stacked
            ? `${format(series.reduce((sum, s) => sum + (s.points[i]?.value ?? 0), 0))} in all`
            : format(first?.points[i]?.value ?? null)
        }
        tooltipDetails={
          stacked ? (i) => series.map((s) => `${name(s.group)}: ${format(s.points[i]?.value ?? null)}`) : undefined
        }
        tableHeaders={["Time", stacked ? "All" : title]}
        extraColumns={
          series.length > 1
            ? series.map((s) => ({
                header: name(s.group),
                cell: (i: number) => format(s.points[i]?.value ?? null),
              }))
            : []
        }
        heightClassName={heightClassName}
      />
    );
  }

  const lines: LineSeries[] = series.map((s, k) => ({
    label: name(s.group),
    color: SERIES_COLORS[k] ?? "var(--brand-primary)",
    values: s.points.map((p) => p.value),
    area: kind === "area",
  }));
  if (series.length === 1 && showPrevious && first)
    lines.push({
      label: "Previous period",
      color: "var(--muted-foreground)",
      values: keys.map((_, i) => first.previous[i]?.value ?? null),
      dashed: true,
    });
  return (
    <LineChart
      keys={keys}
      series={lines}
      title={title}
      summary={summary}
      xLabels={keys.map((t) => pointLabel(t, trend.grain))}
      pointTitles={keys.map((t) => pointTitle(t, trend.grain))}
      yTick={yTick}
      format={format}
      keyHeader="Time"
      heightClassName={heightClassName}
    />
  );
}
