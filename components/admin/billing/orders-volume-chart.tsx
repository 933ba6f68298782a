"use client";

import { Bar } from "recharts";

import { ChartFrame, monthlyMoneyAxes } from "@/components/charts/chart-frame";
import { monthLabel } from "@/components/charts/chart-format";
import { ChartTooltipBox } from "@/components/charts/chart-theme";
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
  const busiest = months.reduce((best, m) => (m.completed > best.completed ? m : best));
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
  return (
    <ChartFrame
      data={months}
      title={`Order volume by month (${currency.toUpperCase()})`}
      summary={summaryOf(months, currency)}
      legend={[...SERIES]}
      {...monthlyMoneyAxes(currency)}
      tooltip={(month) => (
        <ChartTooltipBox
          title={`${monthLabel(month.month)} · ${formatCount(month.count)} orders`}
          rows={SERIES.map((s) => ({ label: s.label, value: formatMoney(month[s.key], currency), color: s.color }))}
        />
      )}
      table={[
        { header: "Month", cell: (m) => monthLabel(m.month) },
        { header: "Orders", cell: (m) => formatCount(m.count) },
        ...SERIES.map((s) => ({ header: s.label, cell: (m: OrderMonth) => formatMoney(m[s.key], currency) })),
      ]}
      heightClassName="h-56"
    >
      {SERIES.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="orders" fill={s.color} isAnimationActive={false} />
      ))}
    </ChartFrame>
  );
}
