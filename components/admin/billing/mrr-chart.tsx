"use client";

import { Area, AreaChart } from "recharts";

import { ChartFrame, monthlyMoneyAxes } from "@/components/charts/chart-frame";
import { monthLabel, signedPercent } from "@/components/charts/chart-format";
import { ChartTooltipBox } from "@/components/charts/chart-theme";
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
  return (
    <ChartFrame
      chart={AreaChart}
      data={points}
      title={`MRR by month (${currency.toUpperCase()})`}
      summary={summaryOf(points, currency)}
      summaryTestId="mrr-chart-summary"
      {...monthlyMoneyAxes(currency)}
      cursor="line"
      tooltip={(point) => (
        <ChartTooltipBox
          title={monthLabel(point.month)}
          rows={[{ label: "MRR", value: formatMoney(point.mrr, currency), color: "var(--brand-primary)" }]}
        />
      )}
    >
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
    </ChartFrame>
  );
}
