// A line (or area) chart drawn on the server: one SVG path per series stretched over the plot
// (strokes keep their width whatever the size), axes and grid in HTML like ColumnChart, and no
// chart library or JavaScript in the browser. Pointer over a point's slot shows a guide line, a
// dot per series and a tooltip with every series' value (CSS only). Nulls are skipped and the line
// joins the points either side. The caption says what the chart shows in words; "Show the
// figures" holds every value as a table for the keyboard and assistive tech (the drawing itself is
// hidden from them).
import { cn } from "@/components/ui/cn";

import { FiguresTable, GridLines, HoverTooltip, valueScale, XTickLabels, YTickLabels } from "./chart-parts";
import { ChartLegend } from "./chart-theme";

export interface LineSeries {
  label: string;
  color: string;
  /** One value per key (null: no value at that point). */
  values: (number | null)[];
  dashed?: boolean;
  /** Fill the area between the line and zero. */
  area?: boolean;
}

export interface LineChartProps {
  /** One key per point, in order (an ISO time). */
  keys: string[];
  series: LineSeries[];
  /** The hidden table's caption. */
  title: string;
  /** What the chart shows, in words (the figure's caption). */
  summary: string;
  summaryTestId?: string;
  /** The x label under each point (some are skipped when they would not fit). */
  xLabels: string[];
  /** Each point's name in its tooltip and table row. */
  pointTitles: string[];
  yTick: (value: number) => string;
  /** A value in tooltips and the table. */
  format: (value: number | null) => string;
  /** Header of the table's first column. */
  keyHeader: string;
  maxXLabels?: number;
  heightClassName?: string;
  className?: string;
}

/** The SVG path of a series on a plot `keys` wide and 100 high: point i at x = i + ½. */
export function linePath(values: readonly (number | null)[], y: (v: number) => number): string {
  const points: string[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    points.push(`${points.length === 0 ? "M" : "L"}${i + 0.5} ${round(y(v))}`);
  });
  // A lone point: a zero-length segment, which the round line cap draws as a dot.
  if (points.length === 1) points.push(points[0]!.replace("M", "L"));
  return points.join(" ");
}

/** The area under a series' path, closed along the `base` line (zero). */
export function areaPath(values: readonly (number | null)[], y: (v: number) => number, base: number): string {
  const present = values.flatMap((v, i) => (v === null || !Number.isFinite(v) ? [] : [i]));
  const first = present[0];
  const last = present.at(-1);
  if (first === undefined || last === undefined) return "";
  return `${linePath(values, y)} L${last + 0.5} ${round(base)} L${first + 0.5} ${round(base)} Z`;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function LineChart({
  keys,
  series,
  title,
  summary,
  summaryTestId,
  xLabels,
  pointTitles,
  yTick,
  format,
  keyHeader,
  maxXLabels = 8,
  heightClassName = "h-64",
  className,
}: LineChartProps) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const scale = valueScale(Math.max(0, ...values), Math.max(0, ...values.map((v) => -v)));
  const y = (v: number) => 100 - scale.share(v);
  const width = Math.max(1, keys.length);
  return (
    <figure className={cn("grid gap-3", className)}>
      <figcaption className="text-sm text-muted-foreground" data-testid={summaryTestId}>
        {summary}
      </figcaption>
      {series.length > 1 && <ChartLegend items={series} />}
      <div aria-hidden className={cn("flex w-full gap-2 text-xs text-muted-foreground", heightClassName)}>
        <YTickLabels scale={scale} yTick={yTick} />
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative flex-1 border-b">
            <GridLines scale={scale} />
            <svg
              className="absolute inset-0 size-full overflow-visible"
              viewBox={`0 0 ${width} 100`}
              preserveAspectRatio="none"
            >
              {series.map((s) =>
                s.area ? (
                  <path key={`${s.label}-area`} d={areaPath(s.values, y, y(0))} fill={s.color} fillOpacity={0.15} />
                ) : null,
              )}
              {series.map((s) => (
                <path
                  key={s.label}
                  d={linePath(s.values, y)}
                  fill="none"
                  stroke={s.color}
                  strokeWidth={s.dashed ? 1.5 : 2}
                  strokeDasharray={s.dashed ? "4 4" : undefined}
                  strokeLinejoin="round"
                  strokeLinecap="round"
                  vectorEffect="non-scaling-stroke"
                />
              ))}
            </svg>
            <div className="absolute inset-0 flex items-stretch gap-px">
              {keys.map((key, i) => (
                <div key={key} className="group relative flex-1">
                  <div className="absolute inset-y-0 left-1/2 hidden border-l border-muted-foreground/60 group-hover:block" />
                  {series.map((s) => {
                    const v = s.values[i];
                    return v === null || v === undefined || !Number.isFinite(v) ? null : (
                      <span
                        key={s.label}
                        className="absolute left-1/2 hidden size-2 -translate-x-1/2 translate-y-1/2 rounded-full border border-background group-hover:block"
                        style={{ bottom: scale.pct(v), background: s.color }}
                      />
                    );
                  })}
                  <HoverTooltip
                    index={i}
                    count={keys.length}
                    title={pointTitles[i] ?? key}
                    lines={series.map((s) => (
                      <span key={s.label} className="flex items-center gap-1.5">
                        <span className="size-2 rounded-sm" style={{ background: s.color }} />
                        {s.label}: {format(s.values[i] ?? null)}
                      </span>
                    ))}
                  />
                </div>
              ))}
            </div>
          </div>
          <XTickLabels keys={keys} labels={xLabels} maxLabels={maxXLabels} />
        </div>
      </div>
      <FiguresTable
        title={title}
        headers={[keyHeader, ...series.map((s) => s.label)]}
        rows={keys.map((key, i) => ({
          key,
          head: pointTitles[i] ?? key,
          cells: series.map((s) => format(s.values[i] ?? null)),
        }))}
      />
    </figure>
  );
}
