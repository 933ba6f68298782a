// One frame for Tessera's recharts bar and area charts: the figure with its text summary (also the
// SVG's description), an optional plain-text legend, the sized chart with the shared grid, x axis
// (category keys, e.g. months or days) and y axis, a tooltip for the point under the pointer, and
// an optional visually hidden table of every value. Charts pass only their series as children.
// Use it from client components (recharts renders in the browser).
import * as React from "react";
import { BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { cn } from "@/components/ui/cn";

import { compactMoney, shortMonthLabel } from "./chart-format";
import { AXIS_TICK, ChartLegend, GRID_STROKE } from "./chart-theme";

/** A column of the hidden data table: its header and each point's cell text. */
export interface ChartTableColumn<T> {
  header: string;
  cell: (point: T) => React.ReactNode;
}

export interface ChartFrameProps<T> {
  /** The recharts chart to draw in: BarChart (the default) or AreaChart. */
  chart?: typeof BarChart;
  /** Extra props of that chart, e.g. `{ stackOffset: "sign" }`. */
  chartProps?: Omit<React.ComponentProps<typeof BarChart>, "data" | "children">;
  data: T[];
  /** The SVG's title, also the hidden table's caption. */
  title: string;
  /** What the chart shows, in words: the figure's caption and the SVG's description. */
  summary: string;
  summaryTestId?: string;
  legend?: { label: string; color: string }[];
  /** The x axis: the category key of each point and its tick text. */
  xKey: keyof T & string;
  xTick: (value: string) => string;
  /** The y axis's tick text. */
  yTick: (value: number) => string;
  yWidth?: number;
  yAllowDecimals?: boolean;
  /** "band" highlights the bar's column under the pointer (bar charts), "line" draws a rule (area charts). */
  cursor?: "band" | "line";
  /** The tooltip box for the point under the pointer. */
  tooltip: (point: T) => React.ReactNode;
  /** A visually hidden table of every point: the first column is the row header. */
  table?: [ChartTableColumn<T>, ...ChartTableColumn<T>[]];
  heightClassName?: string;
  className?: string;
  /** The series (Bar, Area) and any reference lines. */
  children: React.ReactNode;
}

const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
const CURSORS = { band: { fill: "var(--muted)" }, line: { stroke: GRID_STROKE } };

export function ChartFrame<T>({
  chart: Chart = BarChart,
  chartProps,
  data,
  title,
  summary,
  summaryTestId,
  legend,
  xKey,
  xTick,
  yTick,
  yWidth = 64,
  yAllowDecimals,
  cursor = "band",
  tooltip,
  table,
  heightClassName = "h-64",
  className,
  children,
}: ChartFrameProps<T>) {
  return (
    <figure className={cn("grid gap-3", className)}>
      <figcaption className="text-sm text-muted-foreground" data-testid={summaryTestId}>
        {summary}
      </figcaption>
      {legend && <ChartLegend items={legend} />}
      <div className={cn("w-full", heightClassName)}>
        <Chart
          {...chartProps}
          data={data}
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={MARGIN}
          title={title}
          desc={summary}
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey={xKey as string}
            tickFormatter={xTick}
            tickLine={false}
            axisLine={{ stroke: GRID_STROKE }}
            tick={AXIS_TICK}
            minTickGap={16}
          />
          <YAxis
            allowDecimals={yAllowDecimals}
            tickFormatter={yTick}
            tickLine={false}
            axisLine={false}
            width={yWidth}
            tick={AXIS_TICK}
          />
          <Tooltip
            cursor={CURSORS[cursor]}
            content={(props) => {
              const { active, label } = props as TooltipContentProps<number, string>;
              const point = active ? data.find((p) => p[xKey] === label) : undefined;
              return point ? tooltip(point) : null;
            }}
          />
          {children}
        </Chart>
      </div>
      {table && <ChartDataTable caption={title} columns={table} rows={data} rowKey={xKey} />}
    </figure>
  );
}

/** Every value of a chart as a visually hidden table, for assistive tech. */
function ChartDataTable<T>({
  caption,
  columns: [header, ...columns],
  rows,
  rowKey,
}: {
  caption: string;
  columns: [ChartTableColumn<T>, ...ChartTableColumn<T>[]];
  rows: T[];
  rowKey: keyof T & string;
}) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {[header, ...columns].map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={String(row[rowKey])}>
            <th scope="row">{header.cell(row)}</th>
            {columns.map((column) => (
              <td key={column.header}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The axes of a chart of amounts by month ("YYYY-MM" keys) in one currency. */
export function monthlyMoneyAxes(currency: string) {
  return {
    xKey: "month",
    xTick: shortMonthLabel,
    yTick: (value: number) => compactMoney(value, currency),
  } as const;
}
