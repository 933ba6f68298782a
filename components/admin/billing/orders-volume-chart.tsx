// Order volume per month in one currency, stacked by outcome, drawn on the server
// (components/charts/column-chart.tsx): the PayPal page sends no chart code.
import { compactMoney, monthLabel, shortMonthLabel } from "@/components/charts/chart-format";
import { ColumnChart } from "@/components/charts/column-chart";
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
 * Order volume per month in one currency, stacked by outcome. For assistive tech: a text summary
 * and a disclosure with every month.
 */
export function OrdersVolumeChart({ months, currency }: { months: OrderMonth[]; currency: string }) {
  return (
    <ColumnChart
      data={months}
      title={`Order volume by month (${currency.toUpperCase()})`}
      summary={summaryOf(months, currency)}
      xKey={(month) => month.month}
      series={SERIES.map((s) => ({ label: s.label, color: s.color, value: (month: OrderMonth) => month[s.key] }))}
      xTick={(month) => shortMonthLabel(month.month)}
      yTick={(value) => compactMoney(value, currency)}
      tooltipTitle={(month) => monthLabel(month.month)}
      tooltipValue={(month) => `${formatCount(month.count)} orders`}
      tooltipDetails={(month) => SERIES.map((s) => `${s.label}: ${formatMoney(month[s.key], currency)}`)}
      tableHeaders={["Month", "Orders"]}
      extraColumns={SERIES.map((s) => ({ header: s.label, cell: (m: OrderMonth) => formatMoney(m[s.key], currency) }))}
      heightClassName="h-56"
    />
  );
}
