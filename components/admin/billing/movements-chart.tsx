"use client";

import { Bar, ReferenceLine } from "recharts";

import { ChartFrame, monthlyMoneyAxes } from "@/components/charts/chart-frame";
import { monthLabel } from "@/components/charts/chart-format";
import { CHART_PALETTE, ChartTooltipBox } from "@/components/charts/chart-theme";
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

/** MRR movements per month as stacked bars: new, reactivation and expansion up; contraction and churn down. */
export function MovementsChart({ points, currency }: { points: MovementPoint[]; currency: string }) {
  // Losses are drawn below the axis; the tooltip reads the unsigned movements of the month.
  const data = points.map((p) => ({
    ...p,
    ...Object.fromEntries(MOVEMENT_SERIES.map((s) => [s.kind, s.sign * p.movements[s.kind]])),
  }));
  return (
    <ChartFrame
      chartProps={{ stackOffset: "sign" }}
      data={data}
      title={`MRR movements by month (${currency.toUpperCase()})`}
      summary={summaryOf(points, currency)}
      summaryTestId="movements-chart-summary"
      legend={MOVEMENT_SERIES}
      {...monthlyMoneyAxes(currency)}
      tooltip={(point) => (
        <ChartTooltipBox
          title={monthLabel(point.month)}
          rows={MOVEMENT_SERIES.map((s) => ({
            label: s.label,
            value: `${s.sign < 0 && point.movements[s.kind] > 0 ? "−" : ""}${formatMoney(point.movements[s.kind], currency)}`,
            color: s.color,
          }))}
        />
      )}
      className={CHART_PALETTE}
    >
      <ReferenceLine y={0} stroke="var(--muted-foreground)" />
      {MOVEMENT_SERIES.map((s) => (
        <Bar
          key={s.kind}
          dataKey={s.kind}
          name={s.label}
          stackId="movements"
          fill={s.color}
          isAnimationActive={false}
        />
      ))}
    </ChartFrame>
  );
}
