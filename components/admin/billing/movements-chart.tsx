// MRR movements per month, drawn on the server (components/charts/column-chart.tsx): the billing
// page sends no chart code.
import { compactMoney, monthLabel, shortMonthLabel } from "@/components/charts/chart-format";
import { CHART_PALETTE } from "@/components/charts/chart-theme";
import { ColumnChart } from "@/components/charts/column-chart";
import type { MovementKind, Movements } from "@/lib/billing/reports/revenue-math";
import { formatMoney } from "@/lib/format";

export interface MovementPoint {
  month: string;
  movements: Movements;
}

/** Series in stacking order: gains above the axis, losses below. */
export const MOVEMENT_SERIES: { kind: MovementKind; label: string; color: string; sign: 1 | -1 }[] = [
  { kind: "new", label: "New", color: "var(--success)", sign: 1 },
  { kind: "reactivation", label: "Reactivation", color: "var(--chart-teal)", sign: 1 },
  { kind: "expansion", label: "Expansion", color: "var(--primary)", sign: 1 },
  { kind: "contraction", label: "Contraction", color: "var(--warning)", sign: -1 },
  { kind: "churn", label: "Churn", color: "var(--destructive)", sign: -1 },
];

function summaryOf(points: MovementPoint[], currency: string): string {
  const totals = MOVEMENT_SERIES.map((s) => ({ ...s, total: points.reduce((sum, p) => sum + p.movements[s.kind], 0) }));
  const net = totals.reduce((sum, s) => sum + s.sign * s.total, 0);
  if (totals.every((s) => s.total === 0)) return "No MRR movements in these months.";
  const parts = totals
    .filter((s) => s.total > 0)
    .map((s) => `${s.label.toLowerCase()} ${s.sign < 0 ? "−" : "+"}${formatMoney(s.total, currency)}`);
  return `Over these months: ${parts.join(", ")}; net new MRR ${formatMoney(net, currency)}. Each month's movements are in the “Revenue by month” table.`;
}

/** An unsigned movement as its effect: "−$40.00" for a loss. */
const signed = (series: (typeof MOVEMENT_SERIES)[number], amount: number, currency: string) =>
  `${series.sign < 0 && amount > 0 ? "−" : ""}${formatMoney(amount, currency)}`;

const net = (point: MovementPoint) => MOVEMENT_SERIES.reduce((sum, s) => sum + s.sign * point.movements[s.kind], 0);

/** MRR movements per month as stacked columns: new, reactivation and expansion up; contraction and churn down. */
export function MovementsChart({ points, currency }: { points: MovementPoint[]; currency: string }) {
  return (
    <ColumnChart
      data={points}
      title={`MRR movements by month (${currency.toUpperCase()})`}
      summary={summaryOf(points, currency)}
      summaryTestId="movements-chart-summary"
      xKey={(point) => point.month}
      series={MOVEMENT_SERIES.map((s) => ({
        label: s.label,
        color: s.color,
        value: (point: MovementPoint) => s.sign * point.movements[s.kind],
      }))}
      xTick={(point) => shortMonthLabel(point.month)}
      yTick={(value) => compactMoney(value, currency)}
      tooltipTitle={(point) => monthLabel(point.month)}
      tooltipValue={(point) => `Net ${formatMoney(net(point), currency)}`}
      tooltipDetails={(point) =>
        MOVEMENT_SERIES.map((s) => `${s.label}: ${signed(s, point.movements[s.kind], currency)}`)
      }
      tableHeaders={["Month", "Net new MRR"]}
      extraColumns={MOVEMENT_SERIES.map((s) => ({
        header: s.label,
        cell: (point: MovementPoint) => signed(s, point.movements[s.kind], currency),
      }))}
      className={CHART_PALETTE}
    />
  );
}
