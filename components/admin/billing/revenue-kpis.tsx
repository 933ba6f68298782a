// The revenue page's headline figures for the last month of the range, in one currency.
import { monthLabel, signedPercent } from "@/components/charts/chart-format";
import type { RevenueMonth } from "@/lib/billing/reports/revenue-math";
import { formatMoney, plural } from "@/lib/format";

import { KpiCards, type Kpi } from "./kpi-cards";

export function RevenueKpis({ month, currency }: { month: RevenueMonth; currency: string }) {
  const asOf = monthLabel(month.month);
  const kpis: Kpi[] = [
    {
      label: "MRR",
      value: formatMoney(month.mrr, currency),
      description: `At the end of ${asOf}, ${plural(month.customers, "paying customer")}`,
    },
    { label: "ARR", value: formatMoney(month.arr, currency), description: "12 × MRR" },
    {
      label: "Net new MRR",
      value: formatMoney(month.netNewMrr, currency),
      description: `In ${asOf}: new, reactivation and expansion less contraction and churn`,
      tone: month.netNewMrr < 0 ? "text-destructive" : undefined,
    },
    {
      label: "MoM change",
      value: signedPercent(month.momPercent),
      description:
        month.momPercent === null
          ? "No MRR the month before"
          : `${formatMoney(month.momChange, currency)} against the month before`,
      tone: (month.momPercent ?? 0) < 0 ? "text-destructive" : undefined,
    },
  ];
  return (
    <section aria-labelledby="revenue-kpis-heading">
      <h2 id="revenue-kpis-heading" className="sr-only">
        Key figures for {asOf} ({currency.toUpperCase()})
      </h2>
      <KpiCards items={kpis} />
    </section>
  );
}
