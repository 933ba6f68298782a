// MRR at each month's end, drawn on the server (components/charts/column-chart.tsx): the billing
// page sends no chart code.
import { compactMoney, monthLabel, shortMonthLabel, signedPercent } from "@/components/charts/chart-format";
import { ColumnChart } from "@/components/charts/column-chart";
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
 * MRR at each month's end, as columns. For assistive tech the figure has a text summary and a
 * disclosure with every value, and the page's "Revenue by month" table lists them too.
 */
export function MrrChart({ points, currency }: { points: MrrPoint[]; currency: string }) {
  return (
    <ColumnChart
      data={points}
      title={`MRR by month (${currency.toUpperCase()})`}
      summary={summaryOf(points, currency)}
      summaryTestId="mrr-chart-summary"
      xKey={(point) => point.month}
      value={(point) => point.mrr}
      xTick={(point) => shortMonthLabel(point.month)}
      yTick={(value) => compactMoney(value, currency)}
      tooltipTitle={(point) => monthLabel(point.month)}
      tooltipValue={(point) => formatMoney(point.mrr, currency)}
      tableHeaders={["Month", "MRR"]}
    />
  );
}
