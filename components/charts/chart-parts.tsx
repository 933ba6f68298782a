// The parts the server-drawn charts share (ColumnChart, LineChart): the y axis's round ticks and
// their labels, the grid lines, the x labels that fit, a tooltip per point shown on pointer-over
// by CSS alone, and the "Show the figures" disclosure that carries every value for the keyboard
// and assistive tech. No hooks and no JavaScript in the browser: they render on the server, or
// inside a client component that redraws them (the realtime panel).
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

/** Ticks for values from −`below` to `above` (both ≥ 0): one round step, whole steps each way. */
export function signedTicks(above: number, below: number, count = 4): number[] {
  if (!(below > 0)) return niceTicks(above, count);
  const step = niceTicks(above + below, count)[1] ?? 1;
  const ticks: number[] = [];
  for (let k = -Math.ceil(below / step); k <= Math.ceil(above / step); k++) ticks.push(k * step);
  return ticks;
}

/** The value axis for values from −`below` to `above`: its ticks and where a value sits on it (0–100 %). */
export function valueScale(above: number, below: number) {
  const ticks = signedTicks(above, below);
  const bottom = Math.min(0, ticks[0] ?? 0);
  const span = (ticks[ticks.length - 1] ?? 1) - bottom || 1;
  const share = (v: number) => (Math.min(span, Math.max(0, v - bottom)) / span) * 100;
  return { ticks, bottom, share, pct: (v: number) => `${share(v)}%` };
}

export type ValueScale = ReturnType<typeof valueScale>;

/** y axis: tick labels level with their grid lines. */
export function YTickLabels({ scale, yTick }: { scale: ValueScale; yTick: (value: number) => string }) {
  return (
    <div className="relative mb-5 w-12 shrink-0">
      {scale.ticks.map((tick) => (
        <span key={tick} className="absolute right-0 translate-y-1/2 tabular-nums" style={{ bottom: scale.pct(tick) }}>
          {yTick(tick)}
        </span>
      ))}
    </div>
  );
}

/** The horizontal grid lines, and the zero line when the axis goes below it. */
export function GridLines({ scale }: { scale: ValueScale }) {
  return (
    <>
      {scale.ticks.slice(1).map((tick) => (
        <div key={tick} className="absolute inset-x-0 border-t" style={{ bottom: scale.pct(tick) }} />
      ))}
      {scale.bottom < 0 && (
        <div className="absolute inset-x-0 border-t border-muted-foreground" style={{ bottom: scale.pct(0) }} />
      )}
    </>
  );
}

/** x axis: every n-th label, so they do not collide; one slot per point, centred under it. */
export function XTickLabels({ keys, labels, maxLabels }: { keys: string[]; labels: string[]; maxLabels: number }) {
  const every = Math.max(1, Math.ceil(keys.length / maxLabels));
  return (
    <div className="flex h-5 items-end gap-px">
      {keys.map((key, i) => (
        <span key={key} className="flex-1 overflow-visible text-center whitespace-nowrap">
          {i % every === 0 ? labels[i] : ""}
        </span>
      ))}
    </div>
  );
}

/** A point's tooltip: shown while the pointer is over its slot (the slot has the `group` class). */
export function HoverTooltip({
  index,
  count,
  title,
  lines,
}: {
  index: number;
  count: number;
  title: string;
  lines: React.ReactNode[];
}) {
  return (
    <div
      className={cn(
        "pointer-events-none absolute top-1 z-10 hidden rounded-md border bg-popover px-3 py-2 text-sm whitespace-nowrap text-popover-foreground shadow-md group-hover:block",
        index < count / 2 ? "left-full ml-1" : "right-full mr-1",
      )}
    >
      <div className="font-medium">{title}</div>
      {lines.map((line, k) => (
        <div key={k} className="text-muted-foreground tabular-nums">
          {line}
        </div>
      ))}
    </div>
  );
}

/** The figures themselves, one disclosure away: keyboard and screen-reader users read every value here. */
export function FiguresTable({
  title,
  headers,
  rows,
}: {
  title: string;
  headers: string[];
  /** Each row: its key, the row header, then one cell per further header. */
  rows: { key: string; head: string; cells: string[] }[];
}) {
  return (
    <details className="text-sm">
      <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
        Show the figures
      </summary>
      <table className="mt-2 w-full max-w-md text-left tabular-nums [&_td]:py-1 [&_td]:text-right [&_th]:py-1 [&_th]:font-medium [&_thead_th]:text-muted-foreground [&_thead_th:not(:first-child)]:text-right [&_tr]:border-b">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            {headers.map((header, k) => (
              <th key={k} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.head}</th>
              {row.cells.map((cell, k) => (
                <td key={k}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
