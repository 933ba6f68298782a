// A column chart drawn on the server with HTML and CSS: no chart library and no JavaScript in the
// browser, for a single series of counts (e.g. API calls per day). Each column shows its value in
// a tooltip on pointer-over; the figure's caption says what it shows in words, and a "Show the
// figures" disclosure holds every value as a table for the keyboard and assistive tech (the
// drawing itself is hidden from them).
import type * as React from "react";

import { cn } from "@/components/ui/cn";

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

export interface ColumnChartProps<T> {
  data: readonly T[];
  /** The hidden table's caption. */
  title: string;
  /** What the chart shows, in words (the figure's caption). */
  summary: string;
  summaryTestId?: string;
  /** The key of each column (a day, a month). */
  xKey: (point: T) => string;
  value: (point: T) => number;
  /** The x axis label under a column; some are skipped when they would not fit. */
  xTick: (point: T) => string;
  yTick: (value: number) => string;
  /** The tooltip's title and value line. */
  tooltipTitle: (point: T) => string;
  tooltipValue: (point: T) => string;
  /** Header of the table's first column (the key) and second (the value). */
  tableHeaders: [string, string];
  /** How many x labels fit at most (default 8). */
  maxXLabels?: number;
  color?: string;
  heightClassName?: string;
}

export function ColumnChart<T>({
  data,
  title,
  summary,
  summaryTestId,
  xKey,
  value,
  xTick,
  yTick,
  tooltipTitle,
  tooltipValue,
  tableHeaders,
  maxXLabels = 8,
  color = "var(--brand-primary)",
  heightClassName = "h-64",
}: ColumnChartProps<T>) {
  const ticks = niceTicks(Math.max(0, ...data.map(value)));
  const top = ticks[ticks.length - 1] || 1;
  const every = Math.max(1, Math.ceil(data.length / maxXLabels));
  const pct = (v: number) => `${(Math.max(0, v) / top) * 100}%`;
  return (
    <figure className="grid gap-3">
      <figcaption className="text-sm text-muted-foreground" data-testid={summaryTestId}>
        {summary}
      </figcaption>
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
            <div className="absolute inset-0 flex items-stretch gap-px">
              {data.map((point, i) => (
                <div key={xKey(point)} className="group relative flex flex-1 items-end hover:bg-muted">
                  <div className="w-full rounded-t-[3px]" style={{ height: pct(value(point)), background: color }} />
                  <div
                    className={cn(
                      "pointer-events-none absolute top-1 z-10 hidden rounded-md border bg-popover px-3 py-2 text-sm whitespace-nowrap text-popover-foreground shadow-md group-hover:block",
                      i < data.length / 2 ? "left-full ml-1" : "right-full mr-1",
                    )}
                  >
                    <div className="font-medium">{tooltipTitle(point)}</div>
                    <div className="text-muted-foreground tabular-nums">{tooltipValue(point)}</div>
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
        <table className="mt-2 w-full max-w-md text-left tabular-nums [&_td]:py-1 [&_td]:text-right [&_th]:py-1 [&_th]:font-medium [&_thead_th]:text-muted-foreground [&_thead_th:last-child]:text-right [&_tr]:border-b">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{tableHeaders[0]}</th>
              <th scope="col">{tableHeaders[1]}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((point) => (
              <tr key={xKey(point)}>
                <th scope="row">{tooltipTitle(point)}</th>
                <td>{tooltipValue(point)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
