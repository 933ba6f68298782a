"use client";

import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { AXIS_TICK, CHART_PALETTE, ChartLegend, ChartTooltipBox, GRID_STROKE } from "@/components/charts/chart-theme";
import { compactMoney, monthLabel, shortMonthLabel } from "@/components/charts/chart-format";
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
  const summary = summaryOf(points, currency);
  const data = points.map((p) => ({
    month: p.month,
    ...Object.fromEntries(MOVEMENT_SERIES.map((s) => [s.kind, s.sign * p.movements[s.kind]])),
  }));
  return (
    <figure className={`grid gap-3 ${CHART_PALETTE}`}>
      <figcaption className="text-sm text-muted-foreground" data-testid="movements-chart-summary">
        {summary}
      </figcaption>
      <ChartLegend items={MOVEMENT_SERIES} />
      <div className="h-64 w-full">
        <BarChart
          data={data}
          stackOffset="sign"
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={`MRR movements by month (${currency.toUpperCase()})`}
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
          <ReferenceLine y={0} stroke="var(--muted-foreground)" />
          <Tooltip
            cursor={{ fill: "var(--muted)" }}
            content={(props) => {
              const { active, label } = props as TooltipContentProps<number, string>;
              const point = points.find((p) => p.month === label);
              if (!active || !point) return null;
              return (
                <ChartTooltipBox
                  title={monthLabel(point.month)}
                  rows={MOVEMENT_SERIES.map((s) => ({
                    label: s.label,
                    value: `${s.sign < 0 && point.movements[s.kind] > 0 ? "−" : ""}${formatMoney(point.movements[s.kind], currency)}`,
                    color: s.color,
                  }))}
                />
              );
            }}
          />
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
        </BarChart>
      </div>
    </figure>
  );
}
