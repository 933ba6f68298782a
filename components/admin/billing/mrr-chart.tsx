"use client";

import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { AXIS_TICK, ChartTooltipBox, GRID_STROKE } from "@/components/charts/chart-theme";
import { compactMoney, monthLabel, shortMonthLabel, signedPercent } from "@/components/charts/chart-format";
import { formatMoney } from "@/lib/format";

export interface MrrPoint {
  month: string;
  mrr: number;
}

function summaryOf(points: MrrPoint[], currency: string): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return "No months to show.";
  const change = first.mrr === 0 ? null : Math.round(((last.mrr - first.mrr) / first.mrr) * 1000) / 10;
  const peak = points.reduce((best, p) => (p.mrr > best.mrr ? p : best), first);
  return (
    `MRR went from ${formatMoney(first.mrr, currency)} in ${monthLabel(first.month)} to ` +
    `${formatMoney(last.mrr, currency)} in ${monthLabel(last.month)}` +
    (change === null ? "" : ` (${signedPercent(change)})`) +
    `; the highest month end was ${monthLabel(peak.month)} at ${formatMoney(peak.mrr, currency)}.`
  );
}

/**
 * MRR at each month's end, as an area chart. For assistive tech the figure has a text summary,
 * the SVG a title and description, and the page's "Revenue by month" table lists every value.
 */
export function MrrChart({ points, currency }: { points: MrrPoint[]; currency: string }) {
  const summary = summaryOf(points, currency);
  return (
    <figure className="grid gap-3">
      <figcaption className="text-sm text-muted-foreground" data-testid="mrr-chart-summary">
        {summary}
      </figcaption>
      <div className="h-64 w-full">
        <AreaChart
          data={points}
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={`MRR by month (${currency.toUpperCase()})`}
          desc={summary}
        >
          <CartesianGrid vertical={false} stroke={GRID_STROKE} />
          <XAxis
            dataKey="month"
            tickFormatter={shortMonthLabel}
            tickLine={false}
            axisLine={{ stroke: GRID_STROKE }}
            tick={AXIS_TICK}
            minTickGap={16}
          />
          <YAxis
            tickFormatter={(value: number) => compactMoney(value, currency)}
            tickLine={false}
            axisLine={false}
            width={64}
            tick={AXIS_TICK}
          />
          <Tooltip
            cursor={{ stroke: GRID_STROKE }}
            content={(props) => {
              const { active, payload, label } = props as TooltipContentProps<number, string>;
              if (!active || !payload?.length) return null;
              return (
                <ChartTooltipBox
                  title={monthLabel(String(label))}
                  rows={[
                    {
                      label: "MRR",
                      value: formatMoney(Number(payload[0]?.value ?? 0), currency),
                      color: "var(--brand-primary)",
                    },
                  ]}
                />
              );
            }}
          />
          <Area
            type="monotone"
            dataKey="mrr"
            name="MRR"
            stroke="var(--brand-primary)"
            strokeWidth={2}
            fill="var(--brand-primary)"
            fillOpacity={0.15}
            isAnimationActive={false}
          />
        </AreaChart>
      </div>
    </figure>
  );
}
