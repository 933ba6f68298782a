"use client";
// A trend of one metric: the period (solid) against the previous period of the same length
// (dashed), as a line, area or bar chart; one line per group when grouped. Colours are theme
// variables; a visually hidden table carries every value.
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

import { AXIS_TICK, GRID_STROKE } from "@/components/charts/chart-theme";

import { formatMetric, pointLabel } from "./format";
import { currencyOf, SERIES_COLORS as COLORS, trendSummary, type TrendFigureProps } from "./trend-data";

export type { TrendData, TrendSeries } from "./trend-data";

export function TrendChart({
  trend,
  title,
  kind = "line",
  showPrevious = true,
  heightClassName = "h-64",
}: TrendFigureProps) {
  const series = trend.series.slice(0, COLORS.length);
  const single = series.length === 1;
  const first = series[0];
  const rows = (first?.points ?? []).map((p, i) => {
    const row: Record<string, string | number | null> = { t: p.t };
    series.forEach((s, k) => {
      row[`s${k}`] = s.points[i]?.value ?? null;
      if (single && showPrevious) row.previous = s.previous[i]?.value ?? null;
    });
    return row;
  });
  const summary = trendSummary(trend, title);
  const Chart = kind === "area" ? AreaChart : kind === "bar" ? BarChart : LineChart;
  const tick = (value: number) => formatMetric(value, trend.unit, currencyOf(trend, first?.group));

  return (
    <figure className="grid gap-2">
      <figcaption className="sr-only">{summary}</figcaption>
      {!single && (
        <ul className="flex flex-wrap gap-3 text-xs text-muted-foreground" aria-hidden>
          {series.map((s, k) => (
            <li key={String(s.group)} className="flex items-center gap-1">
              <span className="size-2 rounded-sm" style={{ background: COLORS[k] }} />
              {s.group ?? "all"}
            </li>
          ))}
        </ul>
      )}
      <div className={heightClassName}>
        <Chart
          data={rows}
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={title}
          desc={summary}
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="t"
            tickFormatter={(v: string) => pointLabel(v, trend.grain)}
            tickLine={false}
            axisLine={{ stroke: GRID_STROKE }}
            tick={AXIS_TICK}
            minTickGap={16}
          />
          <YAxis tickFormatter={tick} tickLine={false} axisLine={false} width={72} tick={AXIS_TICK} />
          <Tooltip
            labelFormatter={(v) => pointLabel(String(v), trend.grain)}
            formatter={(value, name) => [tick(Number(value)), name === "previous" ? "Previous period" : String(name)]}
            contentStyle={{
              background: "var(--popover)",
              color: "var(--popover-foreground)",
              borderColor: "var(--border)",
            }}
          />
          {single && showPrevious && kind !== "bar" && (
            <Line
              dataKey="previous"
              name="previous"
              stroke="var(--muted-foreground)"
              strokeDasharray="4 4"
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          )}
          {series.map((s, k) => {
            const name = s.group ?? title;
            if (kind === "area")
              return (
                <Area
                  key={k}
                  dataKey={`s${k}`}
                  name={name}
                  stroke={COLORS[k]}
                  fill={COLORS[k]}
                  fillOpacity={0.15}
                  isAnimationActive={false}
                  connectNulls
                />
              );
            if (kind === "bar")
              return <Bar key={k} dataKey={`s${k}`} name={name} fill={COLORS[k]} isAnimationActive={false} />;
            return (
              <Line
                key={k}
                dataKey={`s${k}`}
                name={name}
                stroke={COLORS[k]}
                dot={false}
                strokeWidth={2}
                isAnimationActive={false}
                connectNulls
              />
            );
          })}
        </Chart>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {series.map((s) => (
              <th key={String(s.group)} scope="col">
                {s.group ?? title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row.t)}>
              <th scope="row">{pointLabel(String(row.t), trend.grain)}</th>
              {series.map((s, k) => (
                <td key={String(s.group)}>{tick(Number(row[`s${k}`] ?? 0))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
