// A column chart drawn on the server with HTML and CSS: no chart library and no JavaScript in the
// browser, for a single series (e.g. API calls per day) or stacked series, negative parts drawn
// below a zero line (e.g. MRR movements: gains up, losses down). Each column shows its value in
// a tooltip on pointer-over; the figure's caption says what it shows in words, and a "Show the
// figures" disclosure holds every value as a table for the keyboard and assistive tech (the
// drawing itself is hidden from them).
import { cn } from "@/components/ui/cn";

import { FiguresTable, GridLines, HoverTooltip, valueScale, XTickLabels, YTickLabels } from "./chart-parts";
import { ChartLegend } from "./chart-theme";

/** One series of a stacked chart: positive values stack upwards from zero, negative ones downwards. */
export interface ColumnSeries<T> {
  label: string;
  color: string;
  value: (point: T) => number;
}

export interface ColumnChartProps<T> {
  data: readonly T[];
  /** The hidden table's caption. */
  title: string;
  /** What the chart shows, in words (the figure's caption). */
  summary: string;
  summaryTestId?: string;
  /** The key of each column (a day, a month). */
  xKey: (point: T) => string;
  /** A single series' value; or give `series`. */
  value?: (point: T) => number;
  /** Stacked series, drawn in order (and listed in a legend). */
  series?: ColumnSeries<T>[];
  /** The x axis label under a column; some are skipped when they would not fit. */
  xTick: (point: T) => string;
  yTick: (value: number) => string;
  /** The tooltip's title and value line. */
  tooltipTitle: (point: T) => string;
  tooltipValue: (point: T) => string;
  /** More lines under the tooltip's value (e.g. the counts behind a rate). */
  tooltipDetails?: (point: T) => string[];
  /** Header of the table's first column (the key) and second (the value). */
  tableHeaders: [string, string];
  /** More columns of the table, after the value. */
  extraColumns?: { header: string; cell: (point: T) => string }[];
  /** How many x labels fit at most (default 8). */
  maxXLabels?: number;
  color?: string;
  heightClassName?: string;
  /** Classes of the figure (e.g. a palette of CSS variables the series' colours use). */
  className?: string;
}

export function ColumnChart<T>({
  data,
  title,
  summary,
  summaryTestId,
  xKey,
  value,
  series,
  xTick,
  yTick,
  tooltipTitle,
  tooltipValue,
  tooltipDetails,
  tableHeaders,
  extraColumns = [],
  maxXLabels = 8,
  color = "var(--brand-primary)",
  heightClassName = "h-64",
  className,
}: ColumnChartProps<T>) {
  const stacked = series !== undefined;
  const parts = series ?? [{ label: title, color, value: value ?? (() => 0) }];
  // Each column's parts: from where to where on the value axis (positives up, negatives down).
  const columns = data.map((point) => {
    let up = 0;
    let down = 0;
    return parts.map((part) => {
      const v = part.value(point);
      const from = v >= 0 ? up : down;
      if (v >= 0) up += v;
      else down += v;
      return { label: part.label, color: part.color, from, to: from + v };
    });
  });
  const above = Math.max(0, ...columns.flatMap((c) => c.map((s) => s.to)));
  const below = Math.max(0, ...columns.flatMap((c) => c.map((s) => -s.to)));
  const scale = valueScale(above, below);
  const { pct, share } = scale;
  return (
    <figure className={cn("grid gap-3", className)}>
      <figcaption className="text-sm text-muted-foreground" data-testid={summaryTestId}>
        {summary}
      </figcaption>
      {stacked && <ChartLegend items={parts} />}
      <div aria-hidden className={cn("flex w-full gap-2 text-xs text-muted-foreground", heightClassName)}>
        <YTickLabels scale={scale} yTick={yTick} />
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative flex-1 border-b">
            <GridLines scale={scale} />
            <div className="absolute inset-0 flex items-stretch gap-px">
              {data.map((point, i) => (
                <div key={xKey(point)} className="group relative flex-1 hover:bg-muted">
                  {columns[i]?.map((part) =>
                    part.to === part.from ? null : (
                      <div
                        key={part.label}
                        className={cn("absolute inset-x-0", !stacked && "rounded-t-[3px]")}
                        style={{
                          bottom: pct(Math.min(part.from, part.to)),
                          height: `${share(Math.max(part.from, part.to)) - share(Math.min(part.from, part.to))}%`,
                          background: part.color,
                        }}
                      />
                    ),
                  )}
                  <HoverTooltip
                    index={i}
                    count={data.length}
                    title={tooltipTitle(point)}
                    lines={[tooltipValue(point), ...(tooltipDetails?.(point) ?? [])]}
                  />
                </div>
              ))}
            </div>
          </div>
          <XTickLabels keys={data.map(xKey)} labels={data.map(xTick)} maxLabels={maxXLabels} />
        </div>
      </div>
      <FiguresTable
        title={title}
        headers={[...tableHeaders, ...extraColumns.map((column) => column.header)]}
        rows={data.map((point) => ({
          key: xKey(point),
          head: tooltipTitle(point),
          cells: [tooltipValue(point), ...extraColumns.map((column) => column.cell(point))],
        }))}
      />
    </figure>
  );
}
