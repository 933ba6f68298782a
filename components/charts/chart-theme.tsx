// Shared look of Tessera's recharts charts: colours are CSS variables, so a chart follows the
// light and dark themes (the extra series colour is set per theme on the chart's wrapper).
import * as React from "react";

import { cn } from "@/components/ui/cn";

export const AXIS_TICK = { fill: "var(--muted-foreground)", fontSize: 12 } as const;
export const GRID_STROKE = "var(--border)";

/** Put on a chart's wrapper to define the series colours not among the design tokens. */
export const CHART_PALETTE = "[--chart-teal:#0f766e] dark:[--chart-teal:#2dd4bf]";

export interface TooltipRow {
  label: string;
  value: string;
  color?: string;
}

/** The tooltip box: a title and label/value rows with a colour swatch. */
export function ChartTooltipBox({ title, rows }: { title: string; rows: TooltipRow[] }) {
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-sm text-popover-foreground shadow-md">
      <div className="font-medium">{title}</div>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {rows.map((row) => (
          <React.Fragment key={row.label}>
            <dt className="flex items-center gap-1.5 text-muted-foreground">
              {row.color && <span aria-hidden className="size-2 rounded-sm" style={{ background: row.color }} />}
              {row.label}
            </dt>
            <dd className="text-right tabular-nums">{row.value}</dd>
          </React.Fragment>
        ))}
      </dl>
    </div>
  );
}

/** A legend that is plain text (the chart's own legend is hidden from assistive tech). */
export function ChartLegend({ items, className }: { items: { label: string; color: string }[]; className?: string }) {
  return (
    <ul aria-hidden className={cn("flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground", className)}>
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-sm" style={{ background: item.color }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
