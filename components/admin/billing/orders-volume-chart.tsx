"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { compactMoney, monthLabel, shortMonthLabel } from "@/components/charts/chart-format";
import { AXIS_TICK, ChartLegend, ChartTooltipBox, GRID_STROKE } from "@/components/charts/chart-theme";
import type { OrderMonth } from "@/lib/billing/reports/paypal";
import { formatCount, formatMoney } from "@/lib/format";

const SERIES = [
  { key: "completed", label: "Captured", color: "var(--success)" },
  { key: "open", label: "Awaiting approval or capture", color: "var(--primary)" },
  { key: "failed", label: "Denied or voided", color: "var(--destructive)" },
] as const;

function summaryOf(months: OrderMonth[], currency: string): string {
  const total = (key: (typeof SERIES)[number]["key"]) => months.reduce((sum, m) => sum + m[key], 0);
  const count = months.reduce((sum, m) => sum + m.count, 0);
  if (count === 0) return `No ${currency.toUpperCase()} orders in these months.`;
  const busiest = months.reduce((best, m) => (m.completed > best.completed ? m : best), months[0]);
  return (
    `${formatCount(count)} ${currency.toUpperCase()} orders: ${formatMoney(total("completed"), currency)} captured, ` +
    `${formatMoney(total("open"), currency)} awaiting approval or capture, ${formatMoney(total("failed"), currency)} denied or voided` +
    (busiest.completed > 0
      ? `; the most was captured in ${monthLabel(busiest.month)} (${formatMoney(busiest.completed, currency)}).`
      : ".")
  );
}

/**
 * Order volume per month in one currency, stacked by outcome. For assistive tech: a text summary,
 * the SVG's title and description, and a visually hidden table with every month.
 */
export function OrdersVolumeChart({ months, currency }: { months: OrderMonth[]; currency: string }) {
  const summary = summaryOf(months, currency);
  const title = `Order volume by month (${currency.toUpperCase()})`;
  return (
    <figure className="grid gap-3">
      <figcaption className="text-sm text-muted-foreground">{summary}</figcaption>
      <ChartLegend items={[...SERIES]} />
      <div className="h-56 w-full">
        <BarChart
          data={months}
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          title={title}
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
            cursor={{ fill: "var(--muted)" }}
            content={(props) => {
              const { active, label } = props as TooltipContentProps<number, string>;
              const month = months.find((m) => m.month === label);
              if (!active || !month) return null;
              return (
                <ChartTooltipBox
                  title={`${monthLabel(month.month)} · ${formatCount(month.count)} orders`}
                  rows={SERIES.map((s) => ({
                    label: s.label,
                    value: formatMoney(month[s.key], currency),
                    color: s.color,
                  }))}
                />
              );
            }}
          />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="orders" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Orders</th>
            {SERIES.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{monthLabel(m.month)}</th>
              <td>{formatCount(m.count)}</td>
              {SERIES.map((s) => (
                <td key={s.key}>{formatMoney(m[s.key], currency)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
