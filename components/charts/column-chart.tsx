// A column chart drawn on the server with HTML and CSS: no chart library and no JavaScript in the
// browser, for a single series (e.g. API calls per day) or stacked series, negative parts drawn
// below a zero line (e.g. MRR movements: gains up, losses down). Each column shows its value in
// a tooltip on pointer-over; the figure's caption says what it shows in words, and a "Show the
// figures" disclosure holds every value as a table for the keyboard and assistive tech (the
// drawing itself is hidden from them).
import type * as React from "react";

import { cn } from "@/components/ui/cn";

import { ChartLegend } from "./chart-theme";

/** A round top for the y axis (1, 2 or 5 × 10ⁿ per step) and its ticks, from 0. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(value);
  return ticks;
}

/** Ticks for values from −`below` to `above` (both ≥ 0): one round step, whole steps each way. */
export function signedTicks(above: number, below: number, count = 4): number[] {
  if (!(below > 0)) return niceTicks(above, count);
  const step = niceTicks(above + below, count)[1] ?? 1;
  const ticks: number[] = [];
  for (let k = -Math.ceil(below / step); k <= Math.ceil(above / step); k++) ticks.push(k * step);
  return ticks;
}

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
  const ticks = signedTicks(above, below);
  const bottom = Math.min(0, ticks[0] ?? 0);
  const span = (ticks[ticks.length - 1] ?? 1) - bottom || 1;
  const share = (v: number) => (Math.min(span, Math.max(0, v - bottom)) / span) * 100;
  const pct = (v: number) => `${share(v)}%`;
  const every = Math.max(1, Math.ceil(data.length / maxXLabels));
  return (
    <figure className={cn("grid gap-3", className)}>
      <figcaption className="text-sm text-muted-foreground" data-testid={summaryTestId}>
        {summary}
      </figcaption>
      {stacked && <ChartLegend items={parts} />}
      <div aria-hidden className={cn("flex w-full gap-2 text-xs text-muted-foreground", heightClassName)}>
        {/* y axis: tick labels level with their grid lines */}
        <div className="relative mb-5 w-12 shrink-0">
          {ticks.map((tick) => (
            <span key={tick} className="absolute right-0 translate-y-1/2 tabular-nums" style={{ bottom: pct(tick) }}>
              {yTick(tick)}
            </span>
          ))}
        </div>
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative flex-1 border-b">
            {ticks.slice(1).map((tick) => (
              <div key={tick} className="absolute inset-x-0 border-t" style={{ bottom: pct(tick) }} />
            ))}
            {bottom < 0 && (
              <div className="absolute inset-x-0 border-t border-muted-foreground" style={{ bottom: pct(0) }} />
            )}
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
                  <div
                    className={cn(
                      "pointer-events-none absolute top-1 z-10 hidden rounded-md border bg-popover px-3 py-2 text-sm whitespace-nowrap text-popover-foreground shadow-md group-hover:block",
                      i < data.length / 2 ? "left-full ml-1" : "right-full mr-1",
                    )}
                  >
                    <div className="font-medium">{tooltipTitle(point)}</div>
                    <div className="text-muted-foreground tabular-nums">{tooltipValue(point)}</div>
                    {tooltipDetails?.(point).map((line) => (
                      <div key={line} className="text-muted-foreground tabular-nums">
                        {line}
                      </div>
                    ))}
                  </div>
                </div>
              ))}
            </div>
          </div>
          {/* x axis: every n-th label, so they do not collide */}
          <div className="flex h-5 items-end gap-px">
            {data.map((point, i) => (
              <span key={xKey(point)} className="flex-1 overflow-visible text-center whitespace-nowrap">
                {i % every === 0 ? xTick(point) : ""}
              </span>
            ))}
          </div>
        </div>
      </div>
      {/* The figures themselves, one disclosure away: keyboard and screen-reader users read every
          value here (the drawing answers only a pointer). */}
      <details className="text-sm">
        <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
          Show the figures
        </summary>
        <table className="mt-2 w-full max-w-md text-left tabular-nums [&_td]:py-1 [&_td]:text-right [&_th]:py-1 [&_th]:font-medium [&_thead_th]:text-muted-foreground [&_thead_th:not(:first-child)]:text-right [&_tr]:border-b">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{tableHeaders[0]}</th>
              <th scope="col">{tableHeaders[1]}</th>
              {extraColumns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((point) => (
              <tr key={xKey(point)}>
                <th scope="row">{tooltipTitle(point)}</th>
                <td>{tooltipValue(point)}</td>
                {extraColumns.map((column) => (
                  <td key={column.header}>{column.cell(point)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
